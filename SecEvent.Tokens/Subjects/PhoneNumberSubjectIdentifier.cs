using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// A subject identified by a telephone number: <c>{"format": "phone_number", "phone_number": "+12065550100"}</c>.
/// </summary>
/// <remarks>
/// <para>
/// RFC 9493 §3.2.5: the <c>phone_number</c> member is REQUIRED and holds a full E.164 number, including the international
/// prefix.
/// </para>
/// <para>
/// Policy: the value is <c>+</c>, then 2 to 15 digits of which the first is not 0, with single spaces, hyphens or dots
/// allowed between digits as visual separators. The separators are admitted because SSF 1.0 §5 figure 9 prints
/// <c>"+1 206 555 0123"</c>; anything else (no <c>+</c>, a leading 0, doubled or trailing separators, letters, more than
/// 15 digits) is refused. The number is kept and compared exactly as given, so <c>"+1 206 555 0123"</c> and
/// <c>"+12065550123"</c> are different identifiers; senders should prefer the compact E.164 form.
/// </para>
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record PhoneNumberSubjectIdentifier : SubjectIdentifier
{
    private const string Expected = "an E.164 telephone number with a leading '+'";

    /// <inheritdoc/>
    /// <value>Always <see cref="SubjectIdentifierFormats.PhoneNumber"/>.</value>
    public override string Format => SubjectIdentifierFormats.PhoneNumber;

    /// <summary>Gets the telephone number, the <c>phone_number</c> member.</summary>
    /// <remarks>RFC 9493 §3.2.5; the accepted forms are listed on the type.</remarks>
    /// <exception cref="ArgumentException">The value is not a telephone number in an accepted form.</exception>
    public required string PhoneNumber
    {
        get;
        init => field = SubjectIdentifierGuard.Require(
            value, SubjectIdentifierSyntax.IsPhoneNumber(value), SubjectIdentifierFormats.PhoneNumber, nameof(PhoneNumber), Expected);
    }

    internal static bool TryRead(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        subject = SubjectIdentifierReader.TryReadString(
            element,
            SubjectIdentifierFormats.PhoneNumber,
            SubjectMemberNames.PhoneNumber,
            SubjectIdentifierSyntax.IsPhoneNumber,
            Expected,
            out var phoneNumber,
            out error)
            ? new PhoneNumberSubjectIdentifier { PhoneNumber = phoneNumber }
            : null;
        return subject is not null;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer) =>
        writer.WriteString(SubjectMemberNames.PhoneNumberName, PhoneNumber);
}
