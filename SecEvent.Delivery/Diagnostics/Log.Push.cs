using Microsoft.Extensions.Logging;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>Push client messages, event ids 1000–1999. They name the endpoint host and the SET's <c>jti</c> only.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, EventName = "PushAttempt", Level = LogLevel.Debug,
        Message = "Pushing SET {Jti} to {EndpointHost}, attempt {Attempt}")]
    public static partial void PushAttempt(ILogger logger, string? jti, string endpointHost, int attempt);

    [LoggerMessage(EventId = 1001, EventName = "PushRetrying", Level = LogLevel.Information,
        Message = "Push of SET {Jti} to {EndpointHost} failed on attempt {Attempt} ({Cause}); retrying in {RetryDelay}")]
    public static partial void PushRetrying(ILogger logger, string? jti, string endpointHost, int attempt, TimeSpan retryDelay, string cause);

    [LoggerMessage(EventId = 1002, EventName = "PushDelivered", Level = LogLevel.Information,
        Message = "SET {Jti} delivered to {EndpointHost} after {Attempts} attempt(s)")]
    public static partial void PushDelivered(ILogger logger, string? jti, string endpointHost, int attempts);

    [LoggerMessage(EventId = 1003, EventName = "PushRejected", Level = LogLevel.Warning,
        Message = "SET {Jti} rejected by {EndpointHost} with err {Err} ({ErrDescription}) after {Attempts} attempt(s)")]
    public static partial void PushRejected(ILogger logger, string? jti, string endpointHost, string? err, string? errDescription, int attempts);

    [LoggerMessage(EventId = 1004, EventName = "PushFailed", Level = LogLevel.Warning,
        Message = "Push of SET {Jti} to {EndpointHost} failed ({Cause}) after {Attempts} attempt(s)")]
    public static partial void PushFailed(ILogger logger, Exception? exception, string? jti, string endpointHost, string? cause, int attempts);

    [LoggerMessage(EventId = 1005, EventName = "PushCircuitOpened", Level = LogLevel.Warning,
        Message = "Push circuit for {EndpointHost} opened for {BreakDuration}")]
    public static partial void PushCircuitOpened(ILogger logger, string endpointHost, TimeSpan breakDuration);

    [LoggerMessage(EventId = 1006, EventName = "PushCircuitClosed", Level = LogLevel.Information,
        Message = "Push circuit for {EndpointHost} closed")]
    public static partial void PushCircuitClosed(ILogger logger, string endpointHost);
}
