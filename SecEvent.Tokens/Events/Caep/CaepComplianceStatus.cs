using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>A device's compliance with the transmitter's policy (CAEP 1.0 §3.5.1).</summary>
[JsonConverter(typeof(SecurityEventEnumConverter<CaepComplianceStatus>))]
public enum CaepComplianceStatus
{
    /// <summary>The device complies (<c>compliant</c>).</summary>
    [JsonStringEnumMemberName("compliant")]
    Compliant,

    /// <summary>The device does not comply (<c>not-compliant</c>).</summary>
    [JsonStringEnumMemberName("not-compliant")]
    NotCompliant,
}
