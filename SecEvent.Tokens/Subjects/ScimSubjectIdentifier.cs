using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// A SCIM resource, named by its path relative to the service provider's base URI:
/// <c>{"format": "scim", "uri": "/Users/2b2f880af6674ac284bae9381673d462", "externalId": "jdoe"}</c>.
/// </summary>
/// <remarks>
/// <para>
/// draft-ietf-scim-events-16 §2.1: the <c>uri</c> member is REQUIRED and holds the SCIM relative path of the resource,
/// usually the resource type endpoint plus its <c>id</c> (RFC 7644 §3.2). <c>externalId</c> and <c>id</c> (RFC 7643
/// §3.1) are OPTIONAL; when present they must be non-empty strings. The draft also lets the identifier carry attributes
/// whose SCIM uniqueness is <c>server</c> or <c>global</c> (RFC 7643 §7), such as <c>userName</c> or <c>emails</c>: any
/// other uniquely named member is kept unchanged in <see cref="AdditionalMembers"/> and written back, so this format is
/// open where the RFC 9493 formats are closed.
/// </para>
/// <para>
/// The format is specific to the SCIM profile: the draft does not register it in the RFC 9493 registry. Values are
/// compared ordinally and without canonicalisation, like every other format.
/// </para>
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record ScimSubjectIdentifier : SubjectIdentifier
{
    private const int UriSlot = 0;
    private const int ExternalIdSlot = 1;
    private const int IdSlot = 2;

    private const string Expected = "a SCIM resource path relative to the base URI, such as '/Users/{id}' (RFC 7644 §3.2)";

    // Never changed, so one empty object stands in for "no other members".
    private static readonly JsonElement NoMembers = JsonElement.Parse("{}");

    private readonly JsonElement additional = NoMembers;

    /// <summary>Creates an identifier; set <see cref="Uri"/> in the object initializer.</summary>
    public ScimSubjectIdentifier()
    {
    }

    // The reader has checked every member and owns the copy, so nothing is checked or copied again.
#pragma warning disable CS8618 // The field behind the required property is set here; the compiler cannot see through its accessor.
    [SetsRequiredMembers]
    private ScimSubjectIdentifier(string checkedUri, string? checkedExternalId, string? checkedId, JsonElement checkedMembers)
    {
        Uri = checkedUri;
        ExternalId = checkedExternalId;
        Id = checkedId;
        additional = checkedMembers;
    }
#pragma warning restore CS8618

    /// <inheritdoc/>
    /// <value>Always <see cref="SubjectIdentifierFormats.Scim"/>.</value>
    public override string Format => SubjectIdentifierFormats.Scim;

    /// <summary>Gets the SCIM relative path of the resource, the <c>uri</c> member, such as <c>/Users/2b2f880a</c>.</summary>
    /// <remarks>
    /// draft-ietf-scim-events-16 §2.1: REQUIRED. The path follows the service provider's base URI (RFC 7644 §1.3): it
    /// starts with a single <c>/</c> and holds only RFC 3986 path characters, with no query or fragment. A string rather
    /// than <see cref="System.Uri"/>, so the value is never normalised.
    /// </remarks>
    /// <exception cref="ArgumentException">The value is not such a path.</exception>
    public required string Uri
    {
        get;
        init => field = SubjectIdentifierGuard.Require(
            value, SubjectIdentifierSyntax.IsScimResourcePath(value), SubjectIdentifierFormats.Scim, nameof(Uri), Expected);
    }

    /// <summary>Gets the resource's <c>externalId</c> (RFC 7643 §3.1), or <see langword="null"/> when it is not given.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.1: OPTIONAL; lets the receiver find the resource in its own domain.</remarks>
    /// <exception cref="ArgumentException">The value is empty or has unpaired surrogates.</exception>
    public string? ExternalId
    {
        get;
        init => field = value is null ? null : SubjectIdentifierGuard.RequireText(value, SubjectIdentifierFormats.Scim, nameof(ExternalId));
    }

    /// <summary>Gets the resource's SCIM <c>id</c> (RFC 7643 §3.1), or <see langword="null"/> when it is not given.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.1: OPTIONAL, for backwards compatibility, in addition to <see cref="Uri"/>.</remarks>
    /// <exception cref="ArgumentException">The value is empty or has unpaired surrogates.</exception>
    public string? Id
    {
        get;
        init => field = value is null ? null : SubjectIdentifierGuard.RequireText(value, SubjectIdentifierFormats.Scim, nameof(Id));
    }

    /// <summary>
    /// Gets the members other than <c>format</c>, <c>uri</c>, <c>externalId</c> and <c>id</c>, as a JSON object (empty
    /// when there are none) that does not depend on any disposable document.
    /// </summary>
    /// <remarks>
    /// draft-ietf-scim-events-16 §2.1: SCIM attributes whose uniqueness is <c>server</c> or <c>global</c> (RFC 7643 §7)
    /// MAY be added when <c>id</c> and <c>externalId</c> are not enough. Their values are kept and written exactly as
    /// read; whether an attribute really is unique is for the parties to agree. The object given is copied.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The value is not a JSON object, names <c>format</c>, <c>uri</c>, <c>externalId</c> or <c>id</c>, repeats a
    /// member name, or holds text that is not valid UTF-16.
    /// </exception>
    public JsonElement AdditionalMembers
    {
        get => additional;
        init => additional = CopyMembers(value);
    }

    /// <summary>Whether both identifiers have the same path, <c>externalId</c>, <c>id</c> and other members.</summary>
    /// <param name="other">The other identifier.</param>
    /// <returns>
    /// <see langword="true"/> when the strings are ordinally equal and <see cref="JsonElement.DeepEquals"/> holds for the
    /// other members (member order does not matter).
    /// </returns>
    /// <remarks>draft-ietf-scim-events-16 §2.1.</remarks>
    public bool Equals(ScimSubjectIdentifier? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && string.Equals(Uri, other.Uri, StringComparison.Ordinal)
            && string.Equals(ExternalId, other.ExternalId, StringComparison.Ordinal)
            && string.Equals(Id, other.Id, StringComparison.Ordinal)
            && JsonElement.DeepEquals(additional, other.additional));

    /// <summary>Returns a hash code consistent with <see cref="Equals(ScimSubjectIdentifier)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(
        StringComparer.Ordinal.GetHashCode(Uri),
        ExternalId is null ? 0 : StringComparer.Ordinal.GetHashCode(ExternalId),
        Id is null ? 0 : StringComparer.Ordinal.GetHashCode(Id),
        additional.GetPropertyCount());

    internal static bool TryRead(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        const string format = SubjectIdentifierFormats.Scim;
        subject = null;
        var slots = new JsonElement[3];
        var formatSeen = false;
        HashSet<string>? names = null;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals(SubjectMemberNames.Format))
                {
                    if (!SubjectIdentifierReader.TrySkipFormat(ref formatSeen, format, out error))
                    {
                        return false;
                    }
                }
                else if (!TryKeep(property, slots, ref names, writer, out error))
                {
                    return false;
                }
            }

            writer.WriteEndObject();
        }

        if (!SubjectIdentifierReader.TryGetNonEmptyString(slots[UriSlot], format, SubjectMemberNames.Uri, out var uri, out error))
        {
            return false;
        }

        if (!SubjectIdentifierSyntax.IsScimResourcePath(uri))
        {
            error = SubjectIdentifierErrors.Malformed(format, SubjectMemberNames.Uri, Expected);
            return false;
        }

        if (!TryGetOptionalString(slots[ExternalIdSlot], SubjectMemberNames.ExternalId, out var externalId, out error)
            || !TryGetOptionalString(slots[IdSlot], SubjectMemberNames.Id, out var id, out error))
        {
            return false;
        }

        subject = new ScimSubjectIdentifier(uri, externalId, id, names is null ? NoMembers : Detach(buffer));
        return true;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString(SubjectMemberNames.UriName, Uri);
        if (ExternalId is not null)
        {
            writer.WriteString(SubjectMemberNames.ExternalIdName, ExternalId);
        }

        if (Id is not null)
        {
            writer.WriteString(SubjectMemberNames.IdName, Id);
        }

        foreach (var property in additional.EnumerateObject())
        {
            property.WriteTo(writer);
        }
    }

    /// <summary>Puts <c>uri</c>, <c>externalId</c> or <c>id</c> in its slot, or copies another member; a repeated name is an error.</summary>
    private static bool TryKeep(
        JsonProperty property,
        JsonElement[] slots,
        ref HashSet<string>? names,
        Utf8JsonWriter writer,
        [NotNullWhen(false)] out string? error)
    {
        var index = property.NameEquals(SubjectMemberNames.Uri) ? UriSlot
            : property.NameEquals(SubjectMemberNames.ExternalId) ? ExternalIdSlot
            : property.NameEquals(SubjectMemberNames.Id) ? IdSlot
            : -1;
        if (index < 0)
        {
            return TryCopyOnce(property, ref names, writer, out error);
        }

        // A repeated member would let two parsers disagree about the subject; refuse it rather than pick one.
        if (slots[index].ValueKind != JsonValueKind.Undefined)
        {
            error = SubjectIdentifierErrors.DuplicateMember(SubjectIdentifierFormats.Scim, property.Name);
            return false;
        }

        slots[index] = property.Value;
        error = null;
        return true;
    }

    private static bool TryCopyOnce(JsonProperty property, ref HashSet<string>? names, Utf8JsonWriter writer, [NotNullWhen(false)] out string? error)
    {
        names ??= new HashSet<string>(StringComparer.Ordinal);
        if (!names.Add(property.Name))
        {
            error = SubjectIdentifierErrors.DuplicateMember(SubjectIdentifierFormats.Scim, property.Name);
            return false;
        }

        property.WriteTo(writer);
        error = null;
        return true;
    }

    private static bool TryGetOptionalString(JsonElement value, string member, out string? text, [NotNullWhen(false)] out string? error)
    {
        text = null;
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            error = null;
            return true;
        }

        var found = SubjectIdentifierReader.TryGetNonEmptyString(value, SubjectIdentifierFormats.Scim, member, out var read, out error);
        text = read;
        return found;
    }

    private static JsonElement Detach(ArrayBufferWriter<byte> buffer)
    {
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static ArgumentException Refused(string message, string property) => new(message, property);

    private static JsonElement CopyMembers(JsonElement members)
    {
        if (members.ValueKind != JsonValueKind.Object)
        {
            throw SubjectIdentifierGuard.Invalid(SubjectIdentifierFormats.Scim, nameof(AdditionalMembers), "a JSON object");
        }

        string? error = null;
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            using var writer = new Utf8JsonWriter(buffer);
            writer.WriteStartObject();
            foreach (var property in members.EnumerateObject())
            {
                if (property.Name is SubjectMemberNames.Format or SubjectMemberNames.Uri or SubjectMemberNames.ExternalId or SubjectMemberNames.Id)
                {
                    error = $"The 'scim' subject identifier property 'AdditionalMembers' must not hold the member '{property.Name}'; set its own property instead.";
                    break;
                }

                if (!names.Add(property.Name))
                {
                    error = SubjectIdentifierErrors.DuplicateMember(SubjectIdentifierFormats.Scim, property.Name);
                    break;
                }

                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }
        catch (InvalidOperationException exception) when (exception is not ObjectDisposedException)
        {
            error = SubjectIdentifierErrors.InvalidText;
        }

        return error is null ? Detach(buffer) : throw Refused(error, nameof(AdditionalMembers));
    }
}
