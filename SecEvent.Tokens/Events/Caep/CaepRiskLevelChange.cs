using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>The risk level of a principal changed (OpenID CAEP 1.0 §3.8).</summary>
/// <remarks>Without <see cref="PreviousLevel"/> the receiver MUST treat the previous level as unknown.</remarks>
public sealed record CaepRiskLevelChange() : CaepEvent(CaepEventTypes.RiskLevelChange)
{
    /// <summary>Whose risk changed: one of <see cref="CaepRiskPrincipals"/> or another principal; REQUIRED.</summary>
    [JsonPropertyName("principal")]
    public required string Principal { get; init; }

    /// <summary>The risk level now; REQUIRED.</summary>
    [JsonPropertyName("current_level")]
    public required CaepRiskLevel CurrentLevel { get; init; }

    /// <summary>The risk level before the change; OPTIONAL.</summary>
    [JsonPropertyName("previous_level")]
    public CaepRiskLevel? PreviousLevel { get; init; }

    /// <summary>Why the level changed; RECOMMENDED.</summary>
    [JsonPropertyName("risk_reason")]
    public string? RiskReason { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) =>
        base.Validate(context)
        ?? EventRules.Required(Principal, "principal", EventType, "CAEP 1.0 §3.8.1")
        ?? EventRules.Defined<CaepRiskLevel>(CurrentLevel, "current_level", EventType, "CAEP 1.0 §3.8.1")
        ?? EventRules.Defined(PreviousLevel, "previous_level", EventType, "CAEP 1.0 §3.8.1");
}
