using System.Net;
using Polly;
using Polly.Timeout;

namespace SecEvent.Delivery.Push;

/// <summary>Which attempt outcomes the default pipeline retries and counts against an endpoint's health.</summary>
internal static class PushResponseClassifier
{
    /// <summary>
    /// Connection failures, attempt timeouts, 408, 429, 500, 502, 503 and 504: failures of the endpoint, not of the SET
    /// (RFC 8935 §2: retransmit only when a recoverable failure is suspected). A failed TLS handshake is not one: a
    /// certificate that does not validate (RFC 8935 §5.3) does not start validating within a push's retries.
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } } => false,
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

    /// <summary>A short, bounded description of an outcome for logs: the status code or the exception type.</summary>
    public static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } exception } => exception.GetType().Name,
        { Result: { } response } => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "unknown",
    };
}
