using Microsoft.Extensions.Logging;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>
/// Poll transmitter messages, event ids 5000–5049. They name the stream and the SET's <c>jti</c> only; a recipient's
/// <c>description</c> is its own text, shortened.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, EventName = "PollDelivered", Level = LogLevel.Debug,
        Message = "Poll of stream {Stream} answered with {Count} SET(s); more available: {MoreAvailable}")]
    public static partial void PollDelivered(ILogger logger, string stream, int count, bool moreAvailable);

    [LoggerMessage(EventId = 5001, EventName = "PollAcknowledged", Level = LogLevel.Debug,
        Message = "Poll of stream {Stream} acknowledged {Count} of {Reported} jti value(s)")]
    public static partial void PollAcknowledged(ILogger logger, string stream, int count, int reported);

    [LoggerMessage(EventId = 5002, EventName = "PollSetRejected", Level = LogLevel.Warning,
        Message = "The recipient polling stream {Stream} rejected SET {Jti} with err {Err}: {ErrDescription}")]
    public static partial void PollSetReported(ILogger logger, string stream, string jti, string err, string errDescription);

    [LoggerMessage(EventId = 5003, EventName = "PollSetDeadLettered", Level = LogLevel.Warning,
        Message = "SET {Jti} of stream {Stream} dead-lettered instead of offered: {Reason}")]
    public static partial void PollSetDeadLettered(ILogger logger, string? jti, string stream, string reason);

    [LoggerMessage(EventId = 5004, EventName = "PollRequestInvalid", Level = LogLevel.Warning,
        Message = "Refused a poll of stream {Stream} with 400: {Description}")]
    public static partial void PollRequestInvalid(ILogger logger, string stream, string description);

    [LoggerMessage(EventId = 5005, EventName = "PollMethodNotAllowed", Level = LogLevel.Warning,
        Message = "Refused a poll request whose method is not POST (405)")]
    public static partial void PollMethodNotAllowed(ILogger logger);

    [LoggerMessage(EventId = 5006, EventName = "PollUnsupportedMediaType", Level = LogLevel.Warning,
        Message = "Refused a poll request whose media type is not application/json (415)")]
    public static partial void PollUnsupportedMediaType(ILogger logger);

    [LoggerMessage(EventId = 5007, EventName = "PollRequestTooLarge", Level = LogLevel.Warning,
        Message = "Refused a poll request larger than {Limit} bytes (413)")]
    public static partial void PollRequestTooLarge(ILogger logger, int limit);

    [LoggerMessage(EventId = 5008, EventName = "PollRefused", Level = LogLevel.Warning,
        Message = "Refused a poll of stream {Stream} with {Err}: {Description}")]
    public static partial void PollRefused(ILogger logger, string stream, string err, string? description);

    [LoggerMessage(EventId = 5009, EventName = "PollReceiverGone", Level = LogLevel.Debug,
        Message = "The recipient polling stream {Stream} went away; {Released} leased SET(s) given back")]
    public static partial void PollReceiverGone(ILogger logger, string stream, int released);

    [LoggerMessage(EventId = 5010, EventName = "PollSetErrorsHookFailed", Level = LogLevel.Error,
        Message = "The SetErrorsReported hook failed for stream {Stream}; the SETs are dead-lettered all the same")]
    public static partial void PollSetErrorsHookFailed(ILogger logger, Exception exception, string stream);

    [LoggerMessage(EventId = 5011, EventName = "PollFailed", Level = LogLevel.Error,
        Message = "A poll of stream {Stream} failed unexpectedly; answered 500")]
    public static partial void PollRequestFailed(ILogger logger, Exception exception, string stream);

    [LoggerMessage(EventId = 5012, EventName = "PollReleaseFailed", Level = LogLevel.Warning,
        Message = "Giving back {Count} SET(s) of stream {Stream} failed; they are offered again when their lease ends")]
    public static partial void PollReleaseFailed(ILogger logger, Exception exception, string stream, int count);
}
