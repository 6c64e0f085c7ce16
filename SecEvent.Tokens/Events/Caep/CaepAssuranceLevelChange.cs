using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>The authentication assurance level of the subject changed (OpenID CAEP 1.0 §3.4).</summary>
/// <remarks>
/// Without <see cref="PreviousLevel"/> the receiver MUST treat the previous level as unknown. When it is given,
/// <see cref="ChangeDirection"/> SHOULD be given too.
/// </remarks>
public sealed record CaepAssuranceLevelChange() : CaepEvent(CaepEventTypes.AssuranceLevelChange)
{
    /// <summary>The namespace of the levels: one of <see cref="CaepAssuranceNamespaces"/> or an agreed alias; REQUIRED.</summary>
    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }

    /// <summary>The level now, in <see cref="Namespace"/>; REQUIRED.</summary>
    [JsonPropertyName("current_level")]
    public required string CurrentLevel { get; init; }

    /// <summary>The level before the change; OPTIONAL.</summary>
    [JsonPropertyName("previous_level")]
    public string? PreviousLevel { get; init; }

    /// <summary>Whether the level went up or down; OPTIONAL.</summary>
    [JsonPropertyName("change_direction")]
    public CaepChangeDirection? ChangeDirection { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) =>
        base.Validate(context)
        ?? EventRules.Required(Namespace, "namespace", EventType, "CAEP 1.0 §3.4.1")
        ?? EventRules.Required(CurrentLevel, "current_level", EventType, "CAEP 1.0 §3.4.1")
        ?? EventRules.NotEmpty(PreviousLevel, "previous_level", EventType, "CAEP 1.0 §3.4.1")
        ?? EventRules.Defined(ChangeDirection, "change_direction", EventType, "CAEP 1.0 §3.4.1");
}
