using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// A subject identifier in a format this library does not model, such as a proprietary one:
/// <c>{"format": "catalog_item", "catalog_id": "c0384/winter/2354122"}</c>.
/// </summary>
/// <remarks>
/// <para>
/// RFC 9493 §3 allows any registered or collision-resistant format name, and OpenID Shared Signals Framework 1.0 §3.4
/// allows proprietary formats agreed between the parties. Their members are kept as raw JSON, so reading and writing
/// loses nothing. Whether a receiver can act on such a subject is for the receiver to decide (RFC 9493 §4.1 lets it
/// fall back to <c>sub</c>).
/// </para>
/// <para>
/// The format name must be a non-empty string other than the names this library models (see
/// <see cref="SubjectIdentifierFormats"/>) and the legacy names <c>iss-sub</c>, <c>phone</c>, <c>phone-number</c> and
/// <c>id_token_claims</c>. IANA registers only names of lower-case letters, digits, <c>_</c> and <c>-</c> (RFC 9493
/// §8.1.2), but collision-resistant names may be URIs, so no character set is enforced. The members are not checked
/// beyond being uniquely named.
/// </para>
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record UnknownSubjectIdentifier : SubjectIdentifier
{
    /// <summary>Creates an identifier in an unmodelled format.</summary>
    /// <param name="format">The format name.</param>
    /// <param name="members">A JSON object with the members other than <c>format</c>; it is copied.</param>
    /// <exception cref="ArgumentException">
    /// The format name is empty, modelled by this library or legacy; or <paramref name="members"/> is not an object, has a
    /// <c>format</c> member, repeats a member name, or holds text that is not valid UTF-16.
    /// </exception>
    /// <remarks>RFC 9493 §3; SSF 1.0 §3.4.</remarks>
    public UnknownSubjectIdentifier(string format, JsonElement members)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (!SubjectIdentifierSyntax.IsWellFormedText(format)
            || SubjectIdentifierReader.IsKnownFormat(format)
            || SubjectIdentifierReader.IsLegacyFormat(format))
        {
            throw new ArgumentException(
                "The format of an unknown subject identifier must be a non-empty name that is neither modelled by this library nor legacy.",
                nameof(format));
        }

        if (members.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The members of an unknown subject identifier must be a JSON object.", nameof(members));
        }

        string? error;
        JsonElement copy;
        try
        {
            TryCopyMembers(members, format, formatAllowed: false, out copy, out error);
        }
        catch (InvalidOperationException exception) when (exception is not ObjectDisposedException)
        {
            error = SubjectIdentifierErrors.InvalidText;
            copy = default;
        }

        if (error is not null)
        {
            throw new ArgumentException(error, nameof(members));
        }

        Format = format;
        Members = copy;
    }

    // The reader has checked the name and built the members itself.
    private UnknownSubjectIdentifier(JsonElement checkedMembers, string checkedFormat)
    {
        Format = checkedFormat;
        Members = checkedMembers;
    }

    /// <inheritdoc/>
    public override string Format { get; }

    /// <summary>Gets the members other than <c>format</c>, as a JSON object that does not depend on any disposable document.</summary>
    /// <remarks>RFC 9493 §3; SSF 1.0 §3.4.</remarks>
    public JsonElement Members { get; }

    /// <summary>Whether both identifiers have the same format name and structurally equal members.</summary>
    /// <param name="other">The other identifier.</param>
    /// <returns>
    /// <see langword="true"/> when the format names are ordinally equal and <see cref="JsonElement.DeepEquals"/> holds
    /// for the members (member order does not matter).
    /// </returns>
    /// <remarks>RFC 9493 §3.</remarks>
    public bool Equals(UnknownSubjectIdentifier? other) =>
        ReferenceEquals(this, other)
        || (other is not null && string.Equals(Format, other.Format, StringComparison.Ordinal) && JsonElement.DeepEquals(Members, other.Members));

    /// <summary>Returns a hash code consistent with <see cref="Equals(UnknownSubjectIdentifier)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(Format), Members.GetPropertyCount());

    internal static bool TryRead(
        JsonElement element,
        string format,
        [NotNullWhen(true)] out SubjectIdentifier? subject,
        [NotNullWhen(false)] out string? error)
    {
        subject = TryCopyMembers(element, format, formatAllowed: true, out var members, out error)
            ? new UnknownSubjectIdentifier(members, format)
            : null;
        return subject is not null;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        foreach (var property in Members.EnumerateObject())
        {
            property.WriteTo(writer);
        }
    }

    /// <summary>
    /// Copies every member but <c>format</c> into a new document in one pass, refusing repeated names. Throws
    /// <see cref="InvalidOperationException"/> when the JSON escapes an unpaired surrogate.
    /// </summary>
    private static bool TryCopyMembers(
        JsonElement source,
        string format,
        bool formatAllowed,
        out JsonElement members,
        [NotNullWhen(false)] out string? error)
    {
        members = default;
        var buffer = new ArrayBufferWriter<byte>();
        HashSet<string>? names = null;
        var formatSeen = false;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in source.EnumerateObject())
            {
                if (property.NameEquals(SubjectMemberNames.Format))
                {
                    if (!formatAllowed)
                    {
                        error = "The members of an unknown subject identifier must not include 'format'.";
                        return false;
                    }

                    if (!SubjectIdentifierReader.TrySkipFormat(ref formatSeen, SubjectIdentifierErrors.Printable(format), out error))
                    {
                        return false;
                    }

                    continue;
                }

                names ??= new HashSet<string>(StringComparer.Ordinal);
                if (!names.Add(property.Name))
                {
                    error = SubjectIdentifierErrors.DuplicateMember(SubjectIdentifierErrors.Printable(format), property.Name);
                    return false;
                }

                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        members = document.RootElement.Clone();
        error = null;
        return true;
    }
}
