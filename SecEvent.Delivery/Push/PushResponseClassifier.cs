using System.Net;
using Polly;
using Polly.Timeout;

namespace SecEvent.Delivery.Push;

/// <summary>Which attempt outcomes the default pipeline retries and counts against an endpoint's health.</summary>
internal static class PushResponseClassifier
{
    /// <summary>
    /// Connection failures, attempt timeouts, 408, 429, 500, 502, 503 and 504: failures of the endpoint, not of the SET
    /// (RFC 8935 §2: retransmit only when a recoverable failure is suspected).
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout
        or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    /// <summary>A 400 whose <c>err</c> is one that key rotation or a credential refresh can cure (RFC 8935 §4).</summary>
    public static bool IsRetryableRejection(Outcome<HttpResponseMessage> outcome, HashSet<string> codes) =>
        outcome.Result is { StatusCode: HttpStatusCode.BadRequest, Content: BufferedErrorContent { Error.Code: { } code } }
        && codes.Contains(code);

    /// <summary>
    /// The response's <c>Retry-After</c> (delta-seconds or HTTP-date, RFC 9110 §10.2.3), capped at <paramref name="cap"/>;
    /// <see langword="null"/> without one, so that the backoff applies.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider, TimeSpan cap)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? delay = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - timeProvider.GetUtcNow(),
            _ => null,
        };

        if (delay is not { } value)
        {
            return null;
        }

        return value < TimeSpan.Zero ? TimeSpan.Zero : value > cap ? cap : value;
    }

    /// <summary>A short, bounded description of an outcome for logs: the status code or the exception type.</summary>
    public static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } exception } => exception.GetType().Name,
        { Result: { } response } => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "unknown",
    };
}
