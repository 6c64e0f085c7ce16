using System.Text.Json;

namespace SecEvent.Tokens.Logout;

/// <summary>
/// A validated Logout Token (OpenID Connect Back-Channel Logout 1.0 §2.4): who asks the RP to log out whom.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Log out every session identified by <see cref="Issuer"/> and <see cref="Subject"/>, by <see cref="SessionId"/>, or by
/// both (§2.7). <see cref="ToString"/> never prints the token, the subject or the session.
/// </remarks>
public sealed class LogoutToken
{
    private readonly SecurityEventToken _token;

    internal LogoutToken(SecurityEventToken token, string? sessionId, BackChannelLogoutEvent logoutEvent)
    {
        _token = token;
        SessionId = sessionId;
        Event = logoutEvent;
    }

    /// <summary>The OP's Issuer Identifier, <c>iss</c> (§2.4).</summary>
    public string Issuer => _token.Issuer;

    /// <summary>The audience values, <c>aud</c> (§2.4).</summary>
    public IReadOnlyList<string> Audiences => _token.Audiences;

    /// <summary>The End-User, <c>sub</c>, when present (§2.4). When <see cref="SessionId"/> is absent, every session of this user at the RP ends.</summary>
    public string? Subject => _token.Subject;

    /// <summary>The session, <c>sid</c>, when present (§2.4): the same value the OP put in the session's ID Token.</summary>
    public string? SessionId { get; }

    /// <summary>The token's unique identifier, <c>jti</c> (§2.4).</summary>
    public string JwtId => _token.JwtId;

    /// <summary>When the token was issued, <c>iat</c> (§2.4).</summary>
    public NumericDate IssuedAt => _token.IssuedAt;

    /// <summary>When the token expires, <c>exp</c> (§2.4).</summary>
    public NumericDate Expiration => _token.Expiration!.Value;

    /// <summary>The back-channel-logout event, usually with an empty payload (§2.4).</summary>
    public BackChannelLogoutEvent Event { get; }

    /// <summary>The <c>typ</c> header parameter as written, if present (§2.4, §4.1).</summary>
    public string? Type => _token.Type;

    /// <summary>Gets any claim of the claims set, including ones this type has no property for (§2.4: unknown claims are ignored, not lost).</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The claim value.</param>
    /// <returns>Whether the claim is present.</returns>
    public bool TryGetClaim(string name, out JsonElement value) => _token.TryGetClaim(name, out value);

    /// <summary>A summary that names the token without revealing it or the user: <c>jti</c> and issuer.</summary>
    public override string ToString() => $"Logout Token jti={JwtId} iss={Issuer}";
}
