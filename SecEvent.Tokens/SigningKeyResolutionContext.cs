namespace SecEvent.Tokens;

/// <summary>What a <see cref="SigningKeyResolver"/> knows about the token. Nothing here is verified yet.</summary>
/// <param name="Issuer">The unverified <c>iss</c> claim, if it is a string.</param>
/// <param name="KeyId">The <c>kid</c> header parameter, if present.</param>
/// <param name="Algorithm">The <c>alg</c> header parameter.</param>
public sealed record SigningKeyResolutionContext(string? Issuer, string? KeyId, string Algorithm);
