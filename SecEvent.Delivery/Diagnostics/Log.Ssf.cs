using Microsoft.Extensions.Logging;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>
/// SSF transmitter configuration discovery messages, event ids 6000–6049. They name the issuer, the configuration URL
/// and the cause; never a response body or an <c>Authorization</c> value.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, EventName = "SsfDiscoveryStarted", Level = LogLevel.Debug,
        Message = "Fetching the SSF transmitter configuration of {Issuer} from {ConfigurationUrl}")]
    public static partial void SsfDiscoveryStarted(ILogger logger, string issuer, string configurationUrl);

    [LoggerMessage(EventId = 6001, EventName = "SsfDiscoverySucceeded", Level = LogLevel.Information,
        Message = "Discovered the SSF transmitter configuration of {Issuer} (spec_version {SpecVersion})")]
    public static partial void SsfDiscoverySucceeded(ILogger logger, string issuer, string specVersion);

    [LoggerMessage(EventId = 6002, EventName = "SsfDiscoveryLegacyFallback", Level = LogLevel.Warning,
        Message = "{Issuer} has no SSF configuration (404); trying the legacy RISC location {ConfigurationUrl}")]
    public static partial void SsfDiscoveryLegacyFallback(ILogger logger, string issuer, string configurationUrl);

    [LoggerMessage(EventId = 6003, EventName = "SsfDiscoveryFailed", Level = LogLevel.Warning,
        Message = "Discovering the SSF transmitter configuration of {Issuer} failed ({Failure}): {Cause}")]
    public static partial void SsfDiscoveryFailed(ILogger logger, string issuer, string failure, string cause);
}
