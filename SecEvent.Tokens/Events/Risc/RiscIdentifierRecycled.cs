namespace SecEvent.Tokens.Events.Risc;

/// <summary>An e-mail address or phone number the account used now belongs to someone else (OpenID RISC 1.0 §2.6).</summary>
/// <remarks>RISC-02: the subject MUST be an <c>email</c> or <c>phone_number</c> identifier.</remarks>
public sealed record RiscIdentifierRecycled() : RiscEvent(RiscEventTypes.IdentifierRecycled)
{
    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) =>
        RiscRules.EmailOrPhoneSubject(SubjectIn(context), EventType, "RISC 1.0 §2.6");
}
