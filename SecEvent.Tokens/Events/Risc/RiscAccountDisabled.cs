using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Risc;

/// <summary>The account was disabled (OpenID RISC 1.0 §2.3).</summary>
public sealed record RiscAccountDisabled() : RiscEvent(RiscEventTypes.AccountDisabled)
{
    /// <summary>Why the account was disabled; OPTIONAL.</summary>
    [JsonPropertyName("reason")]
    public RiscAccountDisabledReason? Reason { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) =>
        EventRules.Defined(Reason, "reason", EventType, "RISC 1.0 §2.3");
}
