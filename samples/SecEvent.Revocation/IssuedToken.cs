using SecEvent.Tokens.Events.OAuth;

namespace SecEvent.Revocation;

/// <summary>A token the authorization server issued: to which client, for which user, and from which grant.</summary>
/// <param name="Value">The token string.</param>
/// <param name="Type">Access or refresh token.</param>
/// <param name="ClientId">The client it was issued to.</param>
/// <param name="UserId">The user it was issued for (the ID Token's <c>sub</c>).</param>
/// <param name="GrantId">The authorization grant it comes from; revoking a refresh token revokes its grant's access tokens too.</param>
internal sealed record IssuedToken(string Value, OAuthTokenType Type, string ClientId, string UserId, string GrantId);
