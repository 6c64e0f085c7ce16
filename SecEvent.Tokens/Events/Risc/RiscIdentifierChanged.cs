using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Risc;

/// <summary>The account's e-mail address or phone number changed (OpenID RISC 1.0 §2.5).</summary>
/// <remarks>
/// RISC-01: the subject MUST be an <c>email</c> or <c>phone_number</c> identifier holding the <em>old</em> value. Only the
/// provider that is authoritative for the identifier SHOULD send this event; others send
/// <see cref="RiscRecoveryInformationChanged"/>.
/// </remarks>
public sealed record RiscIdentifierChanged() : RiscEvent(RiscEventTypes.IdentifierChanged)
{
    /// <summary>The new value of the identifier; OPTIONAL.</summary>
    [JsonPropertyName("new-value")]
    public string? NewValue { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) =>
        EventRules.NotEmpty(NewValue, "new-value", EventType, "RISC 1.0 §2.5")
        ?? RiscRules.EmailOrPhoneSubject(SubjectIn(context), EventType, "RISC 1.0 §2.5");
}
