namespace SecEvent.Delivery.Push;

/// <summary>How a push of one SET ended (RFC 8935 §2.2, §2.3).</summary>
public enum PushOutcome
{
    /// <summary>The recipient answered <c>202 Accepted</c> (RFC 8935 §2.2): it holds the SET.</summary>
    Delivered = 1,

    /// <summary>
    /// The recipient answered <c>400 Bad Request</c> (RFC 8935 §2.3): it refused this SET. Sending it again unchanged
    /// will not help, except for the bounded slow retry of <see cref="PushClientOptions.RetryableErrorCodes"/>.
    /// </summary>
    Rejected = 2,

    /// <summary>
    /// No verdict on the SET: retries were exhausted, the total timeout passed, the circuit was open, or the recipient
    /// answered a status that is neither 202 nor 400 and is not worth retrying. The recipient may or may not hold the SET.
    /// </summary>
    Failed = 3,
}
