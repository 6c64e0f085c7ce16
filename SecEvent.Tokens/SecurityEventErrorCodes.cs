namespace SecEvent.Tokens;

/// <summary>
/// The <c>err</c> codes of the IANA "Security Event Token Error Codes" registry (RFC 8935 §2.4, §7.1)
/// and the Shared Signals addition.
/// </summary>
/// <remarks>Codes are case-sensitive. Receivers of error responses must tolerate codes not listed here.</remarks>
public static class SecurityEventErrorCodes
{
    /// <summary>The request body cannot be parsed as a SET, or the SET does not meet the profile (RFC 8935 §2.4).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>The SET's key or signature is invalid, or its algorithm is not accepted (RFC 8935 §2.4).</summary>
    public const string InvalidKey = "invalid_key";

    /// <summary>The SET's issuer is invalid or not accepted by the recipient (RFC 8935 §2.4).</summary>
    public const string InvalidIssuer = "invalid_issuer";

    /// <summary>The SET's audience does not correspond to the recipient (RFC 8935 §2.4).</summary>
    public const string InvalidAudience = "invalid_audience";

    /// <summary>The SET transmitter could not be authenticated (RFC 8935 §2.4).</summary>
    public const string AuthenticationFailed = "authentication_failed";

    /// <summary>The transmitter is not authorized to send this SET to the recipient (RFC 8935 §2.4).</summary>
    public const string AccessDenied = "access_denied";

    /// <summary>The verification <c>state</c> does not match the one requested (OpenID SSF 1.0 §8.1.4.1, §11).</summary>
    public const string InvalidState = "invalid_state";
}
