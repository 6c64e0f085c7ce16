using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// A subject identified by an issuer and a subject local to it:
/// <c>{"format": "iss_sub", "iss": "https://issuer.example.com/", "sub": "145234573"}</c>.
/// </summary>
/// <remarks>
/// RFC 9493 §3.2.3: the <c>iss</c> and <c>sub</c> members are REQUIRED, formatted like the JWT claims of the same names
/// (RFC 7519 §4.1.1 and §4.1.2). They need not equal the <c>iss</c> and <c>sub</c> of the token that carries the
/// identifier (RFC 9493 §4.2). The format was called <c>iss-sub</c> in older drafts; that name is refused.
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record IssuerSubjectIdentifier : SubjectIdentifier
{
    /// <inheritdoc/>
    /// <value>Always <see cref="SubjectIdentifierFormats.IssuerSubject"/>.</value>
    public override string Format => SubjectIdentifierFormats.IssuerSubject;

    /// <summary>Gets the issuer, the <c>iss</c> member.</summary>
    /// <remarks>RFC 9493 §3.2.3.</remarks>
    /// <exception cref="ArgumentException">The value is empty or has unpaired surrogates.</exception>
    public required string Issuer
    {
        get;
        init => field = SubjectIdentifierGuard.RequireText(value, SubjectIdentifierFormats.IssuerSubject, nameof(Issuer));
    }

    /// <summary>Gets the subject, unique within the issuer: the <c>sub</c> member.</summary>
    /// <remarks>RFC 9493 §3.2.3.</remarks>
    /// <exception cref="ArgumentException">The value is empty or has unpaired surrogates.</exception>
    public required string Subject
    {
        get;
        init => field = SubjectIdentifierGuard.RequireText(value, SubjectIdentifierFormats.IssuerSubject, nameof(Subject));
    }

    internal static bool TryRead(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        subject = SubjectIdentifierReader.TryReadStrings(
            element, SubjectIdentifierFormats.IssuerSubject, SubjectMemberNames.Iss, SubjectMemberNames.Sub, out var iss, out var sub, out error)
            ? new IssuerSubjectIdentifier { Issuer = iss, Subject = sub }
            : null;
        return subject is not null;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString(SubjectMemberNames.IssName, Issuer);
        writer.WriteString(SubjectMemberNames.SubName, Subject);
    }
}
