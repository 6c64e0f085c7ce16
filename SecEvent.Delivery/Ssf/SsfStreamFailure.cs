namespace SecEvent.Delivery.Ssf;

/// <summary>Why a stream management request failed; see <see cref="SsfStreamException"/>.</summary>
public enum SsfStreamFailure
{
    /// <summary>
    /// The transmitter answered with a status that is not success for the operation. <see cref="SsfStreamException.Meaning"/>
    /// says what the spec makes of it (OpenID SSF 1.0 §8.1) and <see cref="SsfStreamException.StatusCode"/> holds it.
    /// </summary>
    HttpStatus,

    /// <summary>The transmitter could not be reached or did not answer in time. Trying again later can help.</summary>
    Unavailable,

    /// <summary>The transmitter answered with success but a body that is not what the operation returns.</summary>
    InvalidResponse,

    /// <summary>A stream configuration names another issuer than the transmitter's (OpenID SSF 1.0 §8.1.1.1, §8.1.1.2).</summary>
    IssuerMismatch,

    /// <summary>A stream configuration's <c>aud</c> does not hold the audience the receiver expects (§8.1.1.1).</summary>
    AudienceMismatch,

    /// <summary>The transmitter's configuration has no endpoint for the operation, or none this client may use.</summary>
    NotSupported,
}
