namespace SecEvent.Delivery.Poll;

/// <summary>Why a poll failed, which decides whether polling again can help.</summary>
public enum PollFailure
{
    /// <summary>
    /// The transmitter refused the request: 401 or 403 (the credential), 400 (the request itself, RFC 8936 §2.5.1) or
    /// another 4xx. Polling again with the same request and credential cannot help.
    /// </summary>
    Refused,

    /// <summary>
    /// The transmitter does not speak the protocol: a redirect or a status other than 200, a response that is not
    /// <c>application/json</c>, larger than <see cref="PollClientOptions.MaximumResponseSize"/> or not a well-formed poll
    /// response (RFC 8936 §2.5), or a TLS certificate that does not validate (§4.3). Polling again cannot help.
    /// </summary>
    Protocol,

    /// <summary>
    /// The transmitter could not be reached or answered with a transient failure: a connection failure, a timeout, 408,
    /// 429 or a 5xx. Polling again later can help; <see cref="PollException.RetryAfter"/> says when, if the transmitter did.
    /// </summary>
    Unavailable,
}
