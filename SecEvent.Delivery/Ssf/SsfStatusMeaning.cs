namespace SecEvent.Delivery.Ssf;

/// <summary>What an HTTP status code means for a stream management operation, as OpenID SSF 1.0 §8.1 defines it.</summary>
public enum SsfStatusMeaning
{
    /// <summary>The status is not one the spec defines for the operation; treat it as a general HTTP failure.</summary>
    Unexpected,

    /// <summary>The operation succeeded (201 create; 200 read, update, replace, status, add subject; 204 delete, remove subject, verify).</summary>
    Success,

    /// <summary>202: accepted but not yet processed (update, replace, update status); the receiver MAY check again later.</summary>
    Accepted,

    /// <summary>400: the request could not be parsed or is otherwise invalid, including a transmitter-supplied member that does not match.</summary>
    InvalidRequest,

    /// <summary>401: authorization failed or is missing.</summary>
    Unauthorized,

    /// <summary>403: the receiver is not allowed to perform the operation.</summary>
    Forbidden,

    /// <summary>404: no such stream for this receiver (or, for subjects, an unrecognised subject).</summary>
    NotFound,

    /// <summary>409: the transmitter does not support more than one stream per receiver (create only).</summary>
    Conflict,

    /// <summary>429: too many requests (add or remove subject; verification faster than <c>min_verification_interval</c>).</summary>
    TooManyRequests,
}
