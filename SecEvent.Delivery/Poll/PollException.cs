namespace SecEvent.Delivery.Poll;

/// <summary>Thrown when a poll request fails: the transmitter refused it, broke the protocol, or could not be reached.</summary>
/// <remarks>The message names the endpoint host and the cause; never a SET or an <c>Authorization</c> value.</remarks>
public sealed class PollException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failure">Why the poll failed.</param>
    /// <param name="message">The cause, in words fit for a log.</param>
    /// <param name="statusCode">The HTTP status code of the response, when there was one.</param>
    /// <param name="innerException">The transport failure behind it, if any.</param>
    public PollException(PollFailure failure, string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
    }

    /// <summary>Why the poll failed.</summary>
    public PollFailure Failure { get; }

    /// <summary>The HTTP status code of the transmitter's response, or <see langword="null"/> when none arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>
    /// How long the transmitter asked the client to wait (<c>Retry-After</c>, RFC 9110 §10.2.3) before polling again, or
    /// <see langword="null"/> when it did not say.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }
}
