using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>A risk level (CAEP 1.0 §3.8.1); the specification spells the values in upper case.</summary>
[JsonConverter(typeof(SecurityEventEnumConverter<CaepRiskLevel>))]
public enum CaepRiskLevel
{
    /// <summary>Low risk (<c>LOW</c>).</summary>
    [JsonStringEnumMemberName("LOW")]
    Low,

    /// <summary>Medium risk (<c>MEDIUM</c>).</summary>
    [JsonStringEnumMemberName("MEDIUM")]
    Medium,

    /// <summary>High risk (<c>HIGH</c>).</summary>
    [JsonStringEnumMemberName("HIGH")]
    High,
}
