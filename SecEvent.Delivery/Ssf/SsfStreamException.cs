namespace SecEvent.Delivery.Ssf;

/// <summary>A stream management request failed; <see cref="Failure"/> says how, and for an HTTP answer, <see cref="Meaning"/> says what it means.</summary>
/// <remarks>
/// The message names the operation, the transmitter's host and the cause; it never holds the response body or an
/// <c>Authorization</c> value. The body is in <see cref="ResponseBody"/> for callers that choose to show it.
/// </remarks>
public sealed class SsfStreamException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The operation that failed.</param>
    /// <param name="failure">How it failed.</param>
    /// <param name="message">The cause, without secrets.</param>
    /// <param name="statusCode">The HTTP status code, when the transmitter answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public SsfStreamException(SsfStreamOperation operation, SsfStreamFailure failure, string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        Failure = failure;
        StatusCode = statusCode;
    }

    /// <summary>The operation that failed.</summary>
    public SsfStreamOperation Operation { get; }

    /// <summary>How it failed.</summary>
    public SsfStreamFailure Failure { get; }

    /// <summary>The HTTP status code of the answer, or <see langword="null"/> when there was none.</summary>
    public int? StatusCode { get; }

    /// <summary>What <see cref="StatusCode"/> means for <see cref="Operation"/>; <see cref="SsfStatusMeaning.Unexpected"/> without one.</summary>
    public SsfStatusMeaning Meaning => StatusCode is { } status ? SsfStatusCodes.Classify(Operation, status) : SsfStatusMeaning.Unexpected;

    /// <summary>How long the transmitter asked the receiver to wait (<c>Retry-After</c>, RFC 9110 §10.2.3), when it did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The body of an error answer, decoded as UTF-8 and bounded in size; <see langword="null"/> when empty or absent.</summary>
    /// <remarks>It comes from the transmitter: show it to an operator, do not trust it, and do not log it unfiltered.</remarks>
    public string? ResponseBody { get; init; }
}
