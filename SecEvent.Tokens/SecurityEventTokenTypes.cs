namespace SecEvent.Tokens;

/// <summary>Values of the JOSE <c>typ</c> header parameter that the profiles write and accept.</summary>
/// <remarks>
/// RFC 7515 §4.1.9: recipients compare <c>typ</c> case-insensitively and treat a value without a
/// <c>/</c> as if it were prefixed with <c>application/</c>; the short forms below are what senders SHOULD write.
/// </remarks>
public static class SecurityEventTokenTypes
{
    /// <summary>Explicit typing of a SET (RFC 8417 §2.3; required by OpenID SSF 1.0 §4.1.1).</summary>
    public const string SecurityEventJwt = "secevent+jwt";

    /// <summary>Explicit typing of a logout token (Back-Channel Logout 1.0 §2.4, RECOMMENDED).</summary>
    public const string LogoutJwt = "logout+jwt";

    /// <summary>The generic JWT type (RFC 7519 §5.1), accepted on logout tokens for existing deployments.</summary>
    public const string Jwt = "JWT";
}
