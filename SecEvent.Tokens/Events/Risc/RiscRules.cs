using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Events.Risc;

/// <summary>Rules shared by several RISC events.</summary>
internal static class RiscRules
{
    /// <summary>RISC-01/02: the subject is an e-mail address or a phone number.</summary>
    public static string? EmailOrPhoneSubject(SubjectIdentifier? subject, string eventType, string section) =>
        subject is EmailSubjectIdentifier or PhoneNumberSubjectIdentifier
            ? null
            : $"The {EventRules.Name(eventType)} event's subject must be an 'email' or 'phone_number' identifier ({section}).";
}
