using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>A subject identified by a string without semantics: <c>{"format": "opaque", "id": "11112222333344445555"}</c>.</summary>
/// <remarks>
/// RFC 9493 §3.2.4: the <c>id</c> member is REQUIRED and is a JSON string with no meaning to anyone but its issuer. SSF
/// 1.0 §8.1.4.1 and §8.1.5 use this format, with the stream identifier as <c>id</c>, for the subject of verification and
/// stream-updated events.
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record OpaqueSubjectIdentifier : SubjectIdentifier
{
    /// <inheritdoc/>
    /// <value>Always <see cref="SubjectIdentifierFormats.Opaque"/>.</value>
    public override string Format => SubjectIdentifierFormats.Opaque;

    /// <summary>Gets the identifier, the <c>id</c> member.</summary>
    /// <remarks>RFC 9493 §3.2.4.</remarks>
    /// <exception cref="ArgumentException">The value is empty or has unpaired surrogates.</exception>
    public required string Id
    {
        get;
        init => field = SubjectIdentifierGuard.RequireText(value, SubjectIdentifierFormats.Opaque, nameof(Id));
    }

    internal static bool TryRead(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        subject = SubjectIdentifierReader.TryReadString(
            element, SubjectIdentifierFormats.Opaque, SubjectMemberNames.Id, rule: null, expected: null, out var id, out error)
            ? new OpaqueSubjectIdentifier { Id = id }
            : null;
        return subject is not null;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer) => writer.WriteString(SubjectMemberNames.IdName, Id);
}
