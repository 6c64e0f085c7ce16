using Microsoft.Extensions.Logging;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>
/// SSF stream management client messages, event ids 6050–6099. They name the operation, the transmitter's host, the
/// status and the cause; never a request or response body, a subject or an <c>Authorization</c> value. A failed request
/// is logged as information, not as a warning: the caller receives the exception and decides what it means.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6050, EventName = "SsfStreamRequestSucceeded", Level = LogLevel.Debug,
        Message = "SSF {Operation} request to {Host} answered {StatusCode}")]
    public static partial void SsfStreamRequestSucceeded(ILogger logger, SecEvent.Delivery.Ssf.SsfStreamOperation operation, string host, int statusCode);

    [LoggerMessage(EventId = 6051, EventName = "SsfStreamRequestFailed", Level = LogLevel.Information,
        Message = "SSF {Operation} request to {Host} failed ({Failure}): {Cause}")]
    public static partial void SsfStreamRequestFailed(ILogger logger, SecEvent.Delivery.Ssf.SsfStreamOperation operation, string host, SecEvent.Delivery.Ssf.SsfStreamFailure failure, string cause);

    [LoggerMessage(EventId = 6052, EventName = "SsfStreamRetrying", Level = LogLevel.Warning,
        Message = "SSF {Operation} request failed ({Cause}); attempt {Attempt} in {Delay}")]
    public static partial void SsfStreamRetrying(ILogger logger, SecEvent.Delivery.Ssf.SsfStreamOperation operation, string cause, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 6053, EventName = "SsfStreamUnusualSuccess", Level = LogLevel.Information,
        Message = "SSF {Operation} request to {Host} answered {StatusCode}, a success code OpenID SSF 1.0 does not name for it; taken as success")]
    public static partial void SsfStreamUnusualSuccess(ILogger logger, SecEvent.Delivery.Ssf.SsfStreamOperation operation, string host, int statusCode);
}
