using System.Text.Json.Serialization;
using SecEvent.Tokens.Events.Caep;

namespace SecEvent.Tokens.Events.Risc;

/// <summary>A credential of the account was found compromised, for example in a breach dump (OpenID RISC 1.0 §2.7).</summary>
public sealed record RiscCredentialCompromise() : RiscEvent(RiscEventTypes.CredentialCompromise)
{
    /// <summary>The kind of credential: one of <see cref="CaepCredentialTypes"/> or an agreed value; REQUIRED.</summary>
    [JsonPropertyName("credential_type")]
    public required string CredentialType { get; init; }

    /// <summary>When the compromise was discovered; OPTIONAL.</summary>
    [JsonPropertyName("event_timestamp")]
    public NumericDate? EventTimestamp { get; init; }

    /// <summary>Why, for administrators: BCP 47 language tags mapped to messages, at least one entry; OPTIONAL.</summary>
    [JsonPropertyName("reason_admin")]
    [JsonConverter(typeof(LanguageMapJsonConverter))]
    public IReadOnlyDictionary<string, string>? ReasonAdmin { get; init; }

    /// <summary>Why, for the end user: BCP 47 language tags mapped to messages, at least one entry; OPTIONAL.</summary>
    [JsonPropertyName("reason_user")]
    [JsonConverter(typeof(LanguageMapJsonConverter))]
    public IReadOnlyDictionary<string, string>? ReasonUser { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) =>
        EventRules.Required(CredentialType, "credential_type", EventType, "RISC 1.0 §2.7")
        ?? EventRules.LanguageMap(ReasonAdmin, "reason_admin", EventType, "RISC 1.0 §2.7")
        ?? EventRules.LanguageMap(ReasonUser, "reason_user", EventType, "RISC 1.0 §2.7");
}
