using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>A device's compliance with the transmitter's policy changed (OpenID CAEP 1.0 §3.5).</summary>
public sealed record CaepDeviceComplianceChange() : CaepEvent(CaepEventTypes.DeviceComplianceChange)
{
    /// <summary>The status before the change; REQUIRED.</summary>
    [JsonPropertyName("previous_status")]
    public required CaepComplianceStatus PreviousStatus { get; init; }

    /// <summary>The status now; REQUIRED.</summary>
    [JsonPropertyName("current_status")]
    public required CaepComplianceStatus CurrentStatus { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) =>
        base.Validate(context)
        ?? EventRules.Defined<CaepComplianceStatus>(PreviousStatus, "previous_status", EventType, "CAEP 1.0 §3.5.1")
        ?? EventRules.Defined<CaepComplianceStatus>(CurrentStatus, "current_status", EventType, "CAEP 1.0 §3.5.1");
}
