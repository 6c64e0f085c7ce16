using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Tokens;

/// <summary>Finds the keys that may have signed a token, for example from a JWKS URL cached by the caller.</summary>
/// <param name="context">What the token's header and claims say; none of it is verified yet.</param>
/// <param name="cancellationToken">Cancels the look-up.</param>
/// <returns>Candidate keys; an empty sequence when none are known.</returns>
public delegate ValueTask<IEnumerable<SecurityKey>> SigningKeyResolver(SigningKeyResolutionContext context, CancellationToken cancellationToken);
