using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>A subject identified by an e-mail address: <c>{"format": "email", "email": "user@example.com"}</c>.</summary>
/// <remarks>
/// <para>
/// RFC 9493 §3.2.2: the <c>email</c> member is REQUIRED and holds an RFC 5322 addr-spec that names a deliverable mailbox.
/// </para>
/// <para>
/// The check is deliberately light rather than a full RFC 5322 parser: exactly one <c>@</c>, a non-empty local part
/// before it, a non-empty domain after it, and no white space, control characters or angle brackets. A quoted local
/// part containing <c>@</c> is therefore refused.
/// </para>
/// <para>
/// The address is kept and compared exactly as given. Canonicalisation is not standardised (RFC 9493 §3.2.2.1); a
/// recipient that needs it should apply the rules of its own mail system before comparing.
/// </para>
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record EmailSubjectIdentifier : SubjectIdentifier
{
    private const string Expected = "an e-mail address (addr-spec)";

    /// <inheritdoc/>
    /// <value>Always <see cref="SubjectIdentifierFormats.Email"/>.</value>
    public override string Format => SubjectIdentifierFormats.Email;

    /// <summary>Gets the e-mail address, the <c>email</c> member.</summary>
    /// <remarks>RFC 9493 §3.2.2.</remarks>
    /// <exception cref="ArgumentException">The value is empty or not an addr-spec as described on the type.</exception>
    public required string Email
    {
        get;
        init => field = SubjectIdentifierGuard.Require(
            value, SubjectIdentifierSyntax.IsEmailAddress(value), SubjectIdentifierFormats.Email, nameof(Email), Expected);
    }

    internal static bool TryRead(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        subject = SubjectIdentifierReader.TryReadString(
            element,
            SubjectIdentifierFormats.Email,
            SubjectMemberNames.Email,
            SubjectIdentifierSyntax.IsEmailAddress,
            Expected,
            out var email,
            out error)
            ? new EmailSubjectIdentifier { Email = email }
            : null;
        return subject is not null;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer) => writer.WriteString(SubjectMemberNames.EmailName, Email);
}
