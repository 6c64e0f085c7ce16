using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// A subject identified by a decentralized identifier: <c>{"format": "did", "url": "did:example:123456"}</c>.
/// </summary>
/// <remarks>
/// <para>
/// RFC 9493 §3.2.6: the member is REQUIRED and holds a DID URL, which MAY be a bare DID. One sentence of the RFC calls the
/// member "URL" while the next sentence and every example use <c>url</c>; this library reads and writes the lower-case
/// <c>url</c> (checklist SUB-12).
/// </para>
/// <para>
/// The syntax checked is W3C DID Core §3.1 and §3.2: <c>did:</c>, a method name of lower-case letters and digits, a colon,
/// and a non-empty method-specific identifier (letters, digits, <c>.</c>, <c>-</c>, <c>_</c>, percent-encoding, and inner
/// colons), optionally followed by a path, query and fragment made of RFC 3986 characters. The value is kept and compared
/// exactly as given.
/// </para>
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record DidSubjectIdentifier : SubjectIdentifier
{
    private const string Expected = "a DID or DID URL";

    /// <inheritdoc/>
    /// <value>Always <see cref="SubjectIdentifierFormats.Did"/>.</value>
    public override string Format => SubjectIdentifierFormats.Did;

    /// <summary>Gets the DID or DID URL, the <c>url</c> member.</summary>
    /// <remarks>RFC 9493 §3.2.6. A string rather than <see cref="System.Uri"/>, so the value is never normalised.</remarks>
    /// <exception cref="ArgumentException">The value is not a DID or DID URL.</exception>
    public required string Url
    {
        get;
        init => field = SubjectIdentifierGuard.Require(
            value, SubjectIdentifierSyntax.IsDidUrl(value), SubjectIdentifierFormats.Did, nameof(Url), Expected);
    }

    internal static bool TryRead(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        subject = SubjectIdentifierReader.TryReadString(
            element,
            SubjectIdentifierFormats.Did,
            SubjectMemberNames.Url,
            SubjectIdentifierSyntax.IsDidUrl,
            Expected,
            out var url,
            out error)
            ? new DidSubjectIdentifier { Url = url }
            : null;
        return subject is not null;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer) => writer.WriteString(SubjectMemberNames.UrlName, Url);
}
