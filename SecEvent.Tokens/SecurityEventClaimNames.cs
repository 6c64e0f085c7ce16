namespace SecEvent.Tokens;

/// <summary>Names of the JWT claims that Security Event Tokens use.</summary>
public static class SecurityEventClaimNames
{
    /// <summary>The issuer of the SET (RFC 8417 §2.2, RFC 7519 §4.1.1). REQUIRED.</summary>
    public const string Issuer = "iss";

    /// <summary>The time the SET was issued, a NumericDate (RFC 8417 §2.2, RFC 7519 §4.1.6). REQUIRED.</summary>
    public const string IssuedAt = "iat";

    /// <summary>The unique identifier of the SET (RFC 8417 §2.2, RFC 7519 §4.1.7). REQUIRED.</summary>
    public const string JwtId = "jti";

    /// <summary>The audience: a string or an array of strings (RFC 8417 §2.2, RFC 7519 §4.1.3). RECOMMENDED.</summary>
    public const string Audience = "aud";

    /// <summary>The events the SET describes: event identifier URI → event payload object (RFC 8417 §2.2). REQUIRED.</summary>
    public const string Events = "events";

    /// <summary>A transaction identifier correlating related SETs (RFC 8417 §2.2). OPTIONAL.</summary>
    public const string TransactionId = "txn";

    /// <summary>The time of the event, a NumericDate (RFC 8417 §2.2). OPTIONAL.</summary>
    public const string TimeOfEvent = "toe";

    /// <summary>The subject as an RFC 9493 subject identifier (RFC 9493 §4.1; required by SSF 1.0 §3.1).</summary>
    public const string SubjectId = "sub_id";

    /// <summary>The subject (RFC 7519 §4.1.2). Forbidden by SSF 1.0 §4.1.2; OPTIONAL in logout tokens.</summary>
    public const string Subject = "sub";

    /// <summary>The expiration time (RFC 7519 §4.1.4). NOT RECOMMENDED by RFC 8417 §2.2; REQUIRED in logout tokens.</summary>
    public const string Expiration = "exp";

    /// <summary>The time before which the token must not be accepted (RFC 7519 §4.1.5).</summary>
    public const string NotBefore = "nbf";

    /// <summary>The session identifier of OpenID Connect Back-Channel Logout 1.0 §2.4.</summary>
    public const string SessionId = "sid";

    /// <summary>The ID Token nonce; a logout token MUST NOT carry it (Back-Channel Logout 1.0 §2.4).</summary>
    public const string Nonce = "nonce";
}
