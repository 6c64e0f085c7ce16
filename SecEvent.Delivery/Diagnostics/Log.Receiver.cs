using Microsoft.Extensions.Logging;

namespace SecEvent.Delivery.Diagnostics;

internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Accepted SET {JwtId} from {Issuer}.")]
    public static partial void PushAccepted(ILogger logger, string jwtId, string issuer);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "SET {JwtId} from {Issuer} was accepted before; answered 202 without delivering it again.")]
    public static partial void PushDuplicate(ILogger logger, string jwtId, string issuer);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Refused a pushed SET with {Err}: {Description}")]
    public static partial void PushRefused(ILogger logger, string err, string description);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Refused SET {JwtId} from {Issuer} with access_denied: {Description}")]
    public static partial void PushAccessDenied(ILogger logger, string jwtId, string issuer, string? description);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Refused a push request with authentication_failed: {Description}")]
    public static partial void PushAuthenticationFailed(ILogger logger, string? description);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Refused a push request whose media type is not application/secevent+jwt (415).")]
    public static partial void PushUnsupportedMediaType(ILogger logger);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Refused a push request larger than {Limit} bytes (413).")]
    public static partial void PushRequestTooLarge(ILogger logger, int limit);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Refused a push request whose method is not POST (405).")]
    public static partial void PushMethodNotAllowed(ILogger logger);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Error, Message = "The sink failed to accept SET {JwtId} from {Issuer}; nothing recorded, the transmitter will retry.")]
    public static partial void PushSinkFailed(ILogger logger, Exception exception, string jwtId, string issuer);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Error, Message = "SET {JwtId} from {Issuer} was accepted by the sink but could not be recorded in the replay store.")]
    public static partial void PushReplayStoreFailed(ILogger logger, Exception exception, string jwtId, string issuer);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "A push request failed unexpectedly; answered 500.")]
    public static partial void PushReceiveFailed(ILogger logger, Exception exception);
}
