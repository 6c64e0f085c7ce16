using Microsoft.Extensions.Logging;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>Outbox messages, event ids 4000–4999. They name the SET's <c>jti</c> and its destination only.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, EventName = "OutboxDispatcherStarted", Level = LogLevel.Information,
        Message = "Outbox dispatcher {OutboxName} started; {Released} lease(s) returned")]
    public static partial void OutboxDispatcherStarted(ILogger logger, string outboxName, int released);

    [LoggerMessage(EventId = 4001, EventName = "OutboxRetryScheduled", Level = LogLevel.Debug,
        Message = "SET {Jti} to {Destination} not delivered ({Cause}); next attempt at {NextAttemptAt}")]
    public static partial void OutboxRetryScheduled(ILogger logger, string? jti, string destination, string? cause, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 4002, EventName = "OutboxDeadLettered", Level = LogLevel.Warning,
        Message = "SET {Jti} to {Destination} dead-lettered after {Attempts} attempt(s): {Reason}")]
    public static partial void OutboxDeadLettered(ILogger logger, string? jti, string destination, int attempts, string reason);

    [LoggerMessage(EventId = 4003, EventName = "OutboxSettleFailed", Level = LogLevel.Error,
        Message = "Writing {Count} settlement(s) to the outbox failed on try {Try}")]
    public static partial void OutboxSettleFailed(ILogger logger, Exception exception, int count, int @try);

    [LoggerMessage(EventId = 4004, EventName = "OutboxDeliveryFailed", Level = LogLevel.Error,
        Message = "Delivering SET {Jti} to {Destination} threw; counted as a failed attempt")]
    public static partial void OutboxDeliveryFailed(ILogger logger, Exception exception, string? jti, string destination);

    [LoggerMessage(EventId = 4005, EventName = "OutboxLeaseFailed", Level = LogLevel.Error,
        Message = "Leasing from outbox {OutboxName} failed; trying again in {RetryDelay}")]
    public static partial void OutboxLeaseFailed(ILogger logger, Exception exception, string outboxName, TimeSpan retryDelay);

    [LoggerMessage(EventId = 4006, EventName = "OutboxSettledCallbackFailed", Level = LogLevel.Error,
        Message = "The Settled callback of outbox {OutboxName} threw; ignored")]
    public static partial void OutboxSettledCallbackFailed(ILogger logger, Exception exception, string outboxName);

    [LoggerMessage(EventId = 4007, EventName = "OutboxDispatcherStopped", Level = LogLevel.Information,
        Message = "Outbox dispatcher {OutboxName} stopped")]
    public static partial void OutboxDispatcherStopped(ILogger logger, string outboxName);

    [LoggerMessage(EventId = 4008, EventName = "OutboxStatisticsFailed", Level = LogLevel.Warning,
        Message = "Reading the size of outbox {OutboxName} failed")]
    public static partial void OutboxStatisticsFailed(ILogger logger, Exception exception, string outboxName);
}
