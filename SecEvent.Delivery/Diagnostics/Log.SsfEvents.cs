using Microsoft.Extensions.Logging;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>
/// SSF verification and stream-updated event messages, event ids 6100–6149. They name the stream, the SET's
/// <c>jti</c> and <c>iss</c>; never a <c>state</c> value, a SET or an <c>Authorization</c> value.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6100, EventName = "SsfEventVerificationRequested", Level = LogLevel.Debug,
        Message = "Requesting verification of stream {StreamId}; waiting up to {Timeout} for the event")]
    public static partial void SsfEventVerificationRequested(ILogger logger, string streamId, TimeSpan timeout);

    [LoggerMessage(EventId = 6101, EventName = "SsfEventVerificationSucceeded", Level = LogLevel.Information,
        Message = "Stream {StreamId} verified by SET {JwtId} from {Issuer}")]
    public static partial void SsfEventVerificationSucceeded(ILogger logger, string streamId, string jwtId, string issuer);

    [LoggerMessage(EventId = 6102, EventName = "SsfEventVerificationTimedOut", Level = LogLevel.Warning,
        Message = "No verification event for stream {StreamId} arrived within {Timeout}")]
    public static partial void SsfEventVerificationTimedOut(ILogger logger, string streamId, TimeSpan timeout);

    [LoggerMessage(EventId = 6103, EventName = "SsfEventVerificationRequestFailed", Level = LogLevel.Warning,
        Message = "The verification request for stream {StreamId} failed")]
    public static partial void SsfEventVerificationRequestFailed(ILogger logger, Exception exception, string streamId);

    [LoggerMessage(EventId = 6104, EventName = "SsfEventStateMismatch", Level = LogLevel.Warning,
        Message = "Refused verification SET {JwtId} from {Issuer} for stream {StreamId} with invalid_state: its state answers no pending request")]
    public static partial void SsfEventStateMismatch(ILogger logger, string jwtId, string issuer, string streamId);

    [LoggerMessage(EventId = 6105, EventName = "SsfEventTransmitterVerification", Level = LogLevel.Information,
        Message = "Accepted transmitter-initiated verification SET {JwtId} from {Issuer} for stream {StreamId}")]
    public static partial void SsfEventTransmitterVerification(ILogger logger, string jwtId, string issuer, string streamId);

    [LoggerMessage(EventId = 6106, EventName = "SsfEventStreamUpdated", Level = LogLevel.Information,
        Message = "Stream {StreamId} is now {Status} (SET {JwtId} from {Issuer})")]
    public static partial void SsfEventStreamUpdated(ILogger logger, string streamId, string status, string jwtId, string issuer);

    [LoggerMessage(EventId = 6107, EventName = "SsfEventStreamUpdateStale", Level = LogLevel.Information,
        Message = "Stream-updated SET {JwtId} from {Issuer} ({Status}) is older than the known status of stream {StreamId}; not applied")]
    public static partial void SsfEventStreamUpdateStale(ILogger logger, string jwtId, string issuer, string status, string streamId);

    [LoggerMessage(EventId = 6108, EventName = "SsfEventNoStream", Level = LogLevel.Warning,
        Message = "Refused stream event SET {JwtId} from {Issuer} with invalid_request: its sub_id is not an opaque stream id")]
    public static partial void SsfEventNoStream(ILogger logger, string jwtId, string issuer);
}
