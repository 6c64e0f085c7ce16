using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>A subject identified by a URI: <c>{"format": "uri", "uri": "https://user.example.com/"}</c>.</summary>
/// <remarks>
/// <para>
/// RFC 9493 §3.2.7: the <c>uri</c> member is REQUIRED and holds an RFC 3986 URI; nothing is assumed about its scheme or
/// whether it can be dereferenced. RFC 9493 §3.2 asks senders to prefer a more specific format where one exists (an
/// <see cref="EmailSubjectIdentifier"/> rather than a <c>mailto:</c> URI).
/// </para>
/// <para>
/// The value must be an absolute URI: a scheme (<c>ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )</c>), a colon and a
/// non-empty rest made only of the characters RFC 3986 §2 allows, with well-formed percent-encoding. White space and
/// non-ASCII characters (IRIs) are refused. The value is kept and compared exactly as given.
/// </para>
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record UriSubjectIdentifier : SubjectIdentifier
{
    private const string Expected = "an absolute URI (RFC 3986)";

    /// <inheritdoc/>
    /// <value>Always <see cref="SubjectIdentifierFormats.Uri"/>.</value>
    public override string Format => SubjectIdentifierFormats.Uri;

    /// <summary>Gets the URI, the <c>uri</c> member.</summary>
    /// <remarks>RFC 9493 §3.2.7. A string rather than <see cref="System.Uri"/>, so the value is never normalised.</remarks>
    /// <exception cref="ArgumentException">The value is not an absolute URI.</exception>
    public required string Uri
    {
        get;
        init => field = SubjectIdentifierGuard.Require(
            value, SubjectIdentifierSyntax.IsAbsoluteUri(value), SubjectIdentifierFormats.Uri, nameof(Uri), Expected);
    }

    internal static bool TryRead(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        subject = SubjectIdentifierReader.TryReadString(
            element,
            SubjectIdentifierFormats.Uri,
            SubjectMemberNames.Uri,
            SubjectIdentifierSyntax.IsAbsoluteUri,
            Expected,
            out var uri,
            out error)
            ? new UriSubjectIdentifier { Uri = uri }
            : null;
        return subject is not null;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer) => writer.WriteString(SubjectMemberNames.UriName, Uri);
}
