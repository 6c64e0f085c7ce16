namespace SecEvent.Delivery.Ssf;

/// <summary>Why transmitter configuration discovery failed.</summary>
public enum SsfDiscoveryFailure
{
    /// <summary>The issuer is not an absolute URL fit for discovery: not https (unless allowed), or it has a query, fragment or user info.</summary>
    InvalidIssuer,

    /// <summary>The transmitter could not be reached, or it did not answer within the timeout.</summary>
    Unavailable,

    /// <summary>The transmitter answered with a status other than 200, including a redirect, which is never followed.</summary>
    HttpStatus,

    /// <summary>The answer is not <c>application/json</c>, is larger than allowed, or is not a well-formed configuration.</summary>
    InvalidResponse,

    /// <summary>The configuration's <c>issuer</c> is not the issuer it was fetched for (OpenID SSF 1.0 §7.2.4).</summary>
    IssuerMismatch,

    /// <summary>A URL in the configuration is not https while http is not allowed.</summary>
    InsecureEndpoint,
}
