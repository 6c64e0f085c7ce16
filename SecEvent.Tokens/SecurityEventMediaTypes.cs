namespace SecEvent.Tokens;

/// <summary>Media types of the Security Event Token family.</summary>
public static class SecurityEventMediaTypes
{
    /// <summary>A Security Event Token (RFC 8417 §2.3, §7.3); the push request body type (RFC 8935 §2.1).</summary>
    public const string SecurityEventJwt = "application/secevent+jwt";

    /// <summary>An OpenID Connect Back-Channel Logout token (Back-Channel Logout 1.0 §2.4, §4.1).</summary>
    public const string LogoutJwt = "application/logout+jwt";

    /// <summary>JSON, the type of push error responses and poll messages (RFC 8935 §2.3, RFC 8936 §2).</summary>
    public const string Json = "application/json";
}
