using Microsoft.Extensions.Logging;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>
/// Poll client messages, event ids 5100–5149. They name the endpoint host, the SET's <c>jti</c> and <c>iss</c>, and
/// counts; never a SET or an <c>Authorization</c> value.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5100, EventName = "PollStarted", Level = LogLevel.Information,
        Message = "Polling {EndpointHost} for SETs (maxEvents {MaxEvents}, returnImmediately {ReturnImmediately})")]
    public static partial void PollStarted(ILogger logger, string endpointHost, int? maxEvents, bool returnImmediately);

    [LoggerMessage(EventId = 5101, EventName = "PollStopped", Level = LogLevel.Information,
        Message = "Stopped polling {EndpointHost}")]
    public static partial void PollStopped(ILogger logger, string endpointHost);

    [LoggerMessage(EventId = 5102, EventName = "PollRequest", Level = LogLevel.Debug,
        Message = "Polling {EndpointHost}: maxEvents {MaxEvents}, returnImmediately {ReturnImmediately}, {AckCount} ack(s), {ErrCount} setErr(s)")]
    public static partial void PollRequest(ILogger logger, string endpointHost, int? maxEvents, bool returnImmediately, int ackCount, int errCount);

    [LoggerMessage(EventId = 5103, EventName = "PollResponse", Level = LogLevel.Debug,
        Message = "{EndpointHost} returned {SetCount} SET(s), moreAvailable {MoreAvailable}")]
    public static partial void PollResponse(ILogger logger, string endpointHost, int setCount, bool moreAvailable);

    [LoggerMessage(EventId = 5104, EventName = "PollSetAccepted", Level = LogLevel.Information,
        Message = "Accepted SET {Jti} from {Issuer}, polled from {EndpointHost}")]
    public static partial void PollSetAccepted(ILogger logger, string jti, string issuer, string endpointHost);

    [LoggerMessage(EventId = 5105, EventName = "PollSetDuplicate", Level = LogLevel.Information,
        Message = "SET {Jti} from {Issuer} was accepted before; acknowledging it again without delivering it")]
    public static partial void PollSetDuplicate(ILogger logger, string jti, string issuer);

    [LoggerMessage(EventId = 5106, EventName = "PollSetRejected", Level = LogLevel.Warning,
        Message = "SET {Jti} polled from {EndpointHost} failed validation with {Err} ({ErrDescription}); reporting it in setErrs")]
    public static partial void PollSetRejected(ILogger logger, string jti, string endpointHost, string err, string errDescription);

    [LoggerMessage(EventId = 5107, EventName = "PollSetKeyMismatch", Level = LogLevel.Warning,
        Message = "SET {Jti} from {Issuer} was offered by {EndpointHost} under another key, {Key}; reporting it as invalid_request")]
    public static partial void PollSetKeyMismatch(ILogger logger, string jti, string issuer, string endpointHost, string key);

    [LoggerMessage(EventId = 5108, EventName = "PollSinkFailed", Level = LogLevel.Error,
        Message = "SET {Jti} from {Issuer} could not be handed over; not acknowledged, the transmitter will offer it again")]
    public static partial void PollSinkFailed(ILogger logger, Exception exception, string jti, string issuer);

    [LoggerMessage(EventId = 5109, EventName = "PollReplayStoreFailed", Level = LogLevel.Error,
        Message = "SET {Jti} from {Issuer} was taken by the sink but could not be recorded in the replay store")]
    public static partial void PollReplayStoreFailed(ILogger logger, Exception exception, string jti, string issuer);

    [LoggerMessage(EventId = 5110, EventName = "PollRetrying", Level = LogLevel.Warning,
        Message = "Poll of {EndpointHost} failed ({Cause}), {Failures} time(s) in a row; polling again in {RetryDelay}")]
    public static partial void PollRetrying(ILogger logger, string endpointHost, string cause, int failures, TimeSpan retryDelay);

    [LoggerMessage(EventId = 5111, EventName = "PollGaveUp", Level = LogLevel.Error,
        Message = "Poll of {EndpointHost} failed {Failures} time(s) in a row; giving up")]
    public static partial void PollGaveUp(ILogger logger, Exception exception, string endpointHost, int failures);

    [LoggerMessage(EventId = 5112, EventName = "PollFailed", Level = LogLevel.Error,
        Message = "Poll of {EndpointHost} failed and will not be retried: {Cause}")]
    public static partial void PollFailed(ILogger logger, Exception exception, string endpointHost, string cause);

    [LoggerMessage(EventId = 5113, EventName = "PollSinkBackoff", Level = LogLevel.Warning,
        Message = "{Count} SET(s) from {EndpointHost} could not be handed over; polling again in {RetryDelay}")]
    public static partial void PollSinkBackoff(ILogger logger, string endpointHost, int count, TimeSpan retryDelay);

    [LoggerMessage(EventId = 5114, EventName = "PollFinalAcknowledged", Level = LogLevel.Information,
        Message = "Sent {AckCount} ack(s) and {ErrCount} setErr(s) to {EndpointHost} before stopping")]
    public static partial void PollFinalAcknowledged(ILogger logger, string endpointHost, int ackCount, int errCount);

    [LoggerMessage(EventId = 5115, EventName = "PollFinalAcknowledgeFailed", Level = LogLevel.Warning,
        Message = "The final acknowledgement to {EndpointHost} failed ({Cause}); the transmitter will offer {Count} SET(s) again")]
    public static partial void PollFinalAcknowledgeFailed(ILogger logger, Exception exception, string endpointHost, string cause, int count);

    [LoggerMessage(EventId = 5116, EventName = "PollSetsIgnored", Level = LogLevel.Warning,
        Message = "{EndpointHost} returned {SetCount} SET(s) to an acknowledge-only request; ignored, it will offer them again")]
    public static partial void PollSetsIgnored(ILogger logger, string endpointHost, int setCount);
}
