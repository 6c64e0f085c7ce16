using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// Several identifiers of one subject:
/// <c>{"format": "aliases", "identifiers": [{"format": "email", ...}, {"format": "phone_number", ...}]}</c>.
/// </summary>
/// <remarks>
/// <para>
/// RFC 9493 §3.2.8: the <c>identifiers</c> member is REQUIRED and is an array of one or more subject identifiers that all
/// identify the same subject. Formats may repeat. Exact duplicates SHOULD NOT appear, but as that is not a MUST they are
/// accepted. An <c>aliases</c> identifier MUST NOT be nested inside another, and a complex subject (SSF 1.0 §3.3) is not
/// accepted as an item either.
/// </para>
/// <para>
/// The identifiers keep their order, and equality compares them in order. RFC 9493 §6.1 asks transmitters to send
/// several identifiers of one subject only when the recipient may correlate them.
/// </para>
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record AliasesSubjectIdentifier : SubjectIdentifier
{
    // Compared item by item, which gives this record value equality without hand-written Equals.
    private readonly ValueList<SubjectIdentifier> items = new([]);

    /// <summary>Creates an identifier; set <see cref="Identifiers"/> in the object initializer.</summary>
    public AliasesSubjectIdentifier()
    {
    }

    // The reader has checked every item and owns the array, so it is neither copied nor checked again.
#pragma warning disable CS8618 // The fields behind the required property are set here; the compiler cannot see through its accessors.
    [SetsRequiredMembers]
    private AliasesSubjectIdentifier(SubjectIdentifier[] checkedIdentifiers)
    {
        items = new(checkedIdentifiers);
    }
#pragma warning restore CS8618

    /// <inheritdoc/>
    /// <value>Always <see cref="SubjectIdentifierFormats.Aliases"/>.</value>
    public override string Format => SubjectIdentifierFormats.Aliases;

    /// <summary>Gets the identifiers of the subject, the <c>identifiers</c> member, in their original order.</summary>
    /// <remarks>RFC 9493 §3.2.8. The list given is copied, so later changes to it do not affect the identifier.</remarks>
    /// <exception cref="ArgumentException">The list is empty, or holds a null, an aliases or a complex identifier.</exception>
    public required IReadOnlyList<SubjectIdentifier> Identifiers
    {
        get => items.View;
        init => items = new(Copy(value));
    }

    internal static bool TryRead(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        const string format = SubjectIdentifierFormats.Aliases;
        const string member = SubjectMemberNames.Identifiers;
        subject = null;
        if (!SubjectIdentifierReader.TryReadArray(element, format, member, out var array, out var length, out error))
        {
            return false;
        }

        var identifiers = new SubjectIdentifier[length];
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                error = SubjectIdentifierErrors.ItemNotObject(format, member, index);
                return false;
            }

            if (!SubjectIdentifierReader.TryRead(item, SubjectNesting.AliasesItem, out var identifier, out var inner))
            {
                error = SubjectIdentifierErrors.InvalidItem(format, member, index, inner);
                return false;
            }

            identifiers[index++] = identifier;
        }

        subject = new AliasesSubjectIdentifier(identifiers);
        return true;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteStartArray(SubjectMemberNames.IdentifiersName);
        foreach (var identifier in items.Span)
        {
            identifier.WriteTo(writer);
        }

        writer.WriteEndArray();
    }

    private static SubjectIdentifier[] Copy(IReadOnlyList<SubjectIdentifier> identifiers)
    {
        ArgumentNullException.ThrowIfNull(identifiers, nameof(Identifiers));
        if (identifiers.Count == 0)
        {
            throw SubjectIdentifierGuard.Invalid(SubjectIdentifierFormats.Aliases, nameof(Identifiers), "a list of one or more identifiers");
        }

        var copy = new SubjectIdentifier[identifiers.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = identifiers[i] switch
            {
                null => throw SubjectIdentifierGuard.Invalid(SubjectIdentifierFormats.Aliases, nameof(Identifiers), "a list without null items"),
                AliasesSubjectIdentifier or ComplexSubjectIdentifier => throw SubjectIdentifierGuard.Invalid(
                    SubjectIdentifierFormats.Aliases, nameof(Identifiers), "a list without 'aliases' or 'complex' identifiers (RFC 9493 §3.2.8)"),
                var identifier => identifier,
            };
        }

        return copy;
    }
}
