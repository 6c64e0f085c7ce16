using Microsoft.Extensions.Logging;

namespace SecEvent.Delivery.Diagnostics;

internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Fetched {Count} keys from the JWKS at {Host}.")]
    public static partial void JwksFetched(ILogger logger, string host, int count);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Fetching the JWKS at {Host} failed ({Reason}); keeping the last good set of {Count} keys.")]
    public static partial void JwksFetchFailed(ILogger logger, string host, string reason, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "A token names key {KeyId}, unknown in the JWKS from {Host}; fetching it again.")]
    public static partial void JwksUnknownKeyId(ILogger logger, string keyId, string host);
}
