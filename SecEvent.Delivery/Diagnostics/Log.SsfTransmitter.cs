using Microsoft.Extensions.Logging;
using SecEvent.Delivery.Ssf;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>
/// SSF transmitter messages, event ids 6200–6299. They name streams, receivers, statuses, event types and subject
/// formats; never a subject's value, a SET, a <c>state</c> or an <c>Authorization</c> value.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6200, EventName = "SsfTransmitterStreamCreated", Level = LogLevel.Information,
        Message = "SSF stream {StreamId} created for receiver {ReceiverId}, delivery {DeliveryMethod}")]
    public static partial void SsfTransmitterStreamCreated(ILogger logger, string streamId, string receiverId, string deliveryMethod);

    [LoggerMessage(EventId = 6201, EventName = "SsfTransmitterStreamChanged", Level = LogLevel.Information,
        Message = "SSF stream {StreamId} of receiver {ReceiverId} {Change}")]
    public static partial void SsfTransmitterStreamChanged(ILogger logger, string streamId, string receiverId, string change);

    [LoggerMessage(EventId = 6202, EventName = "SsfTransmitterStreamDeleted", Level = LogLevel.Information,
        Message = "SSF stream {StreamId} of receiver {ReceiverId} deleted")]
    public static partial void SsfTransmitterStreamDeleted(ILogger logger, string streamId, string receiverId);

    [LoggerMessage(EventId = 6203, EventName = "SsfTransmitterStatusChanged", Level = LogLevel.Information,
        Message = "SSF stream {StreamId} went from {Previous} to {Status} (announced: {Announced})")]
    public static partial void SsfTransmitterStatusChanged(ILogger logger, string streamId, string previous, string status, bool announced);

    [LoggerMessage(EventId = 6204, EventName = "SsfTransmitterHeldReleased", Level = LogLevel.Information,
        Message = "SSF stream {StreamId}: {Count} held SET(s) released in order")]
    public static partial void SsfTransmitterHeldReleased(ILogger logger, string streamId, int count);

    [LoggerMessage(EventId = 6205, EventName = "SsfTransmitterSubjectAdded", Level = LogLevel.Debug,
        Message = "SSF stream {StreamId}: a subject of format {Format} added")]
    public static partial void SsfTransmitterSubjectAdded(ILogger logger, string streamId, string format);

    [LoggerMessage(EventId = 6206, EventName = "SsfTransmitterSubjectRemoved", Level = LogLevel.Debug,
        Message = "SSF stream {StreamId}: a subject of format {Format} removed")]
    public static partial void SsfTransmitterSubjectRemoved(ILogger logger, string streamId, string format);

    [LoggerMessage(EventId = 6207, EventName = "SsfTransmitterVerificationSent", Level = LogLevel.Information,
        Message = "SSF stream {StreamId} ({Status}): verification event issued (state echoed: {WithState})")]
    public static partial void SsfTransmitterVerificationSent(ILogger logger, string streamId, string status, bool withState);

    [LoggerMessage(EventId = 6208, EventName = "SsfTransmitterPublished", Level = LogLevel.Debug,
        Message = "SSF event {EventType} published: {Queued} stream(s) queued, {Held} held, {Dropped} dropped")]
    public static partial void SsfTransmitterPublished(ILogger logger, string eventType, int queued, int held, int dropped);

    [LoggerMessage(EventId = 6209, EventName = "SsfTransmitterRefused", Level = LogLevel.Information,
        Message = "SSF {Operation} request refused with {StatusCode}: {Cause}")]
    public static partial void SsfTransmitterRefused(ILogger logger, SsfStreamOperation operation, int statusCode, string cause);

    [LoggerMessage(EventId = 6210, EventName = "SsfTransmitterUnauthorized", Level = LogLevel.Information,
        Message = "SSF {Operation} request not authorized ({StatusCode})")]
    public static partial void SsfTransmitterUnauthorized(ILogger logger, SsfStreamOperation operation, int statusCode);

    [LoggerMessage(EventId = 6211, EventName = "SsfTransmitterOtherReceiversStream", Level = LogLevel.Warning,
        Message = "Receiver {ReceiverId} asked about stream {StreamId}, which belongs to another receiver")]
    public static partial void SsfTransmitterOtherReceiversStream(ILogger logger, string receiverId, string streamId);
}
