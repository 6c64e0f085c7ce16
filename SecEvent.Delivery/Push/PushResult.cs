using System.Net;

namespace SecEvent.Delivery.Push;

/// <summary>The result of <see cref="PushClient.PushAsync"/>: the outcome, the recipient's error and the last cause.</summary>
public sealed class PushResult
{
    private PushResult(PushOutcome outcome, int attempts, TimeSpan duration)
    {
        Outcome = outcome;
        Attempts = attempts;
        Duration = duration;
    }

    /// <summary>How the push ended.</summary>
    public PushOutcome Outcome { get; }

    /// <summary>Whether the recipient answered <c>202 Accepted</c>.</summary>
    public bool IsDelivered => Outcome == PushOutcome.Delivered;

    /// <summary>
    /// How many HTTP requests were sent. Zero when the endpoint's circuit was open, so nothing was sent.
    /// </summary>
    public int Attempts { get; }

    /// <summary>The time spent, retries and their delays included.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The status code of the last response, or <see langword="null"/> when the last attempt had none.</summary>
    public HttpStatusCode? StatusCode { get; private init; }

    /// <summary>
    /// The RFC 8935 §2.3 <c>err</c> code of a <see cref="PushOutcome.Rejected"/> push (one of
    /// <see cref="SecEvent.Tokens.SecurityEventErrorCodes"/> or an unregistered code), or <see langword="null"/> when
    /// the 400 body was missing, too large or not an RFC 8935 error object.
    /// </summary>
    public string? ErrorCode { get; private init; }

    /// <summary>The recipient's <c>description</c> of a <see cref="PushOutcome.Rejected"/> push, when it sent one.</summary>
    public string? ErrorDescription { get; private init; }

    /// <summary>
    /// The exception of the last attempt of a <see cref="PushOutcome.Failed"/> push: an <see cref="HttpRequestException"/>
    /// (connection refused or reset), a <c>Polly.Timeout.TimeoutRejectedException</c> (attempt or total timeout) or a
    /// <c>Polly.CircuitBreaker.BrokenCircuitException</c> (circuit open); <see langword="null"/> when the last attempt
    /// got a response (see <see cref="StatusCode"/>).
    /// </summary>
    public Exception? Exception { get; private init; }

    /// <summary>
    /// The earliest time the recipient allows another attempt, from the <c>Retry-After</c> of the last response that was
    /// considered for a retry; <see langword="null"/> when it sent none or the push was delivered. Set when the recipient
    /// asked for a longer wait than <see cref="PushClientOptions.MaxRetryAfter"/> or than the total timeout left: the
    /// client does not wait that long, and never retries sooner. A caller that tries again later (an outbox) must not try
    /// before this time.
    /// </summary>
    public DateTimeOffset? RetryAfter { get; private set; }

    /// <summary>Returns the outcome, the status or exception type, and the <c>err</c> code.</summary>
    public override string ToString() => Outcome switch
    {
        PushOutcome.Delivered => $"Delivered after {Attempts} attempt(s)",
        PushOutcome.Rejected => $"Rejected ({ErrorCode ?? "no err"}) after {Attempts} attempt(s)",
        _ => $"Failed ({(StatusCode is { } status ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : Exception?.GetType().Name)}) after {Attempts} attempt(s)",
    };

    internal PushResult After(DateTimeOffset? retryAfter)
    {
        RetryAfter = retryAfter;
        return this;
    }

    internal static PushResult Delivered(int attempts, TimeSpan duration) =>
        new(PushOutcome.Delivered, attempts, duration) { StatusCode = HttpStatusCode.Accepted };

    internal static PushResult Rejected(string? code, string? description, int attempts, TimeSpan duration) =>
        new(PushOutcome.Rejected, attempts, duration) { StatusCode = HttpStatusCode.BadRequest, ErrorCode = code, ErrorDescription = description };

    internal static PushResult Failed(HttpStatusCode status, int attempts, TimeSpan duration) =>
        new(PushOutcome.Failed, attempts, duration) { StatusCode = status };

    internal static PushResult Failed(Exception exception, int attempts, TimeSpan duration) =>
        new(PushOutcome.Failed, attempts, duration) { Exception = exception };
}
