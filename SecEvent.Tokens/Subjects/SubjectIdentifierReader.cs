using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// Reads subject identifiers from JSON: picks the format, then lets the format's own reader make one pass over the
/// object's members. Every reader is strict in the sense of RFC 9493 §3 (no undescribed members, every required member
/// present, non-null and non-empty).
/// </summary>
internal static class SubjectIdentifierReader
{
    public static bool TryRead(
        JsonElement element,
        SubjectNesting nesting,
        [NotNullWhen(true)] out SubjectIdentifier? subject,
        [NotNullWhen(false)] out string? error)
    {
        subject = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = SubjectIdentifierErrors.NotAnObject;
            return false;
        }

        // A name lookup, not a pass: the format decides how the single pass over the members reads them.
        if (!element.TryGetProperty(SubjectMemberNames.Format, out var formatElement))
        {
            error = element.TryGetProperty(SubjectMemberNames.SubjectType, out _)
                ? SubjectIdentifierErrors.LegacySubjectType
                : SubjectIdentifierErrors.MissingFormat;
            return false;
        }

        if (formatElement.ValueKind != JsonValueKind.String)
        {
            error = SubjectIdentifierErrors.FormatNotString;
            return false;
        }

        var format = formatElement.GetString()!;
        switch (format)
        {
            case "":
                error = SubjectIdentifierErrors.FormatEmpty;
                return false;
            case SubjectIdentifierFormats.Account:
                return AccountSubjectIdentifier.TryRead(element, out subject, out error);
            case SubjectIdentifierFormats.Email:
                return EmailSubjectIdentifier.TryRead(element, out subject, out error);
            case SubjectIdentifierFormats.IssuerSubject:
                return IssuerSubjectIdentifier.TryRead(element, out subject, out error);
            case SubjectIdentifierFormats.Opaque:
                return OpaqueSubjectIdentifier.TryRead(element, out subject, out error);
            case SubjectIdentifierFormats.PhoneNumber:
                return PhoneNumberSubjectIdentifier.TryRead(element, out subject, out error);
            case SubjectIdentifierFormats.Did:
                return DidSubjectIdentifier.TryRead(element, out subject, out error);
            case SubjectIdentifierFormats.Uri:
                return UriSubjectIdentifier.TryRead(element, out subject, out error);
            case SubjectIdentifierFormats.JwtId:
                return JwtIdSubjectIdentifier.TryRead(element, out subject, out error);
            case SubjectIdentifierFormats.SamlAssertionId:
                return SamlAssertionIdSubjectIdentifier.TryRead(element, out subject, out error);
            case SubjectIdentifierFormats.IPAddresses:
                return IPAddressesSubjectIdentifier.TryRead(element, out subject, out error);
            case SubjectIdentifierFormats.Scim:
                return ScimSubjectIdentifier.TryRead(element, out subject, out error);
            case SubjectIdentifierFormats.Aliases when nesting == SubjectNesting.AliasesItem:
                error = SubjectIdentifierErrors.NestedAliases;
                return false;
            case SubjectIdentifierFormats.Aliases:
                return AliasesSubjectIdentifier.TryRead(element, out subject, out error);
            case SubjectIdentifierFormats.Complex when nesting != SubjectNesting.TopLevel:
                error = SubjectIdentifierErrors.NestedComplex;
                return false;
            case SubjectIdentifierFormats.Complex:
                return ComplexSubjectIdentifier.TryRead(element, out subject, out error);
            case var legacy when IsLegacyFormat(legacy):
                error = SubjectIdentifierErrors.LegacyFormat(legacy);
                return false;
            default:
                return UnknownSubjectIdentifier.TryRead(element, format, out subject, out error);
        }
    }

    /// <summary>The format names of pre-RFC drafts and early RISC deployments (checklist SUB-07).</summary>
    public static bool IsLegacyFormat(string format) =>
        format is "iss-sub" or "phone" or "phone-number" or "id_token_claims";

    /// <summary>Whether <paramref name="format"/> is one this library reads into a dedicated type.</summary>
    public static bool IsKnownFormat(string format) => format is
        SubjectIdentifierFormats.Account or SubjectIdentifierFormats.Email or SubjectIdentifierFormats.IssuerSubject
        or SubjectIdentifierFormats.Opaque or SubjectIdentifierFormats.PhoneNumber or SubjectIdentifierFormats.Did
        or SubjectIdentifierFormats.Uri or SubjectIdentifierFormats.Aliases or SubjectIdentifierFormats.Complex
        or SubjectIdentifierFormats.JwtId or SubjectIdentifierFormats.SamlAssertionId or SubjectIdentifierFormats.IPAddresses
        or SubjectIdentifierFormats.Scim;

    /// <summary>A syntax rule for the text of a member.</summary>
    public delegate bool TextRule(ReadOnlySpan<char> text);

    /// <summary>Reads a format whose only member is one required string, which <paramref name="rule"/> checks if given.</summary>
    public static bool TryReadString(
        JsonElement element,
        string format,
        string name,
        TextRule? rule,
        string? expected,
        [NotNullWhen(true)] out string? value,
        [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (!TryFindMembers(element, format, name, secondName: null, out var member, out _, out error)
            || !TryGetNonEmptyString(member, format, name, out var text, out error))
        {
            return false;
        }

        // The init accessor checks the text again; checking here first turns bad input into an error, not an exception.
        if (rule is not null && !rule(text))
        {
            error = SubjectIdentifierErrors.Malformed(format, name, expected ?? SubjectIdentifierGuard.NonEmptyString);
            return false;
        }

        value = text;
        return true;
    }

    /// <summary>Reads a format whose only members are two required strings.</summary>
    public static bool TryReadStrings(
        JsonElement element,
        string format,
        string firstName,
        string secondName,
        [NotNullWhen(true)] out string? first,
        [NotNullWhen(true)] out string? second,
        [NotNullWhen(false)] out string? error)
    {
        second = null;
        if (!TryFindMembers(element, format, firstName, secondName, out var firstMember, out var secondMember, out error)
            || !TryGetNonEmptyString(firstMember, format, firstName, out first, out error))
        {
            first = null;
            return false;
        }

        return TryGetNonEmptyString(secondMember, format, secondName, out second, out error);
    }

    /// <summary>Reads a format whose only member is one required non-empty array; the caller reads the items.</summary>
    public static bool TryReadArray(
        JsonElement element,
        string format,
        string name,
        out JsonElement array,
        out int length,
        [NotNullWhen(false)] out string? error)
    {
        length = 0;
        return TryFindMembers(element, format, name, secondName: null, out array, out _, out error)
            && TryGetNonEmptyArray(array, format, name, out length, out error);
    }

    /// <summary>Counts a <c>format</c> member seen during a pass; a second one is an error.</summary>
    public static bool TrySkipFormat(ref bool formatSeen, string format, [NotNullWhen(false)] out string? error)
    {
        if (formatSeen)
        {
            error = SubjectIdentifierErrors.DuplicateFormat(format);
            return false;
        }

        formatSeen = true;
        error = null;
        return true;
    }

    /// <summary>Reads a member value that must be a non-empty JSON string; <see cref="JsonValueKind.Undefined"/> means missing.</summary>
    public static bool TryGetNonEmptyString(
        JsonElement value,
        string format,
        string member,
        [NotNullWhen(true)] out string? text,
        [NotNullWhen(false)] out string? error)
    {
        text = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                text = value.GetString()!;
                if (text.Length > 0)
                {
                    error = null;
                    return true;
                }

                text = null;
                error = SubjectIdentifierErrors.EmptyMember(format, member);
                return false;
            case JsonValueKind.Undefined:
                error = SubjectIdentifierErrors.MissingString(format, member);
                return false;
            case JsonValueKind.Null:
                error = SubjectIdentifierErrors.NullMember(format, member);
                return false;
            default:
                error = SubjectIdentifierErrors.NotString(format, member);
                return false;
        }
    }

    /// <summary>Reads a member value that must be a non-empty JSON array, returning its length; <see cref="JsonValueKind.Undefined"/> means missing.</summary>
    public static bool TryGetNonEmptyArray(
        JsonElement value,
        string format,
        string member,
        out int length,
        [NotNullWhen(false)] out string? error)
    {
        length = 0;
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                length = value.GetArrayLength();
                error = length > 0 ? null : SubjectIdentifierErrors.EmptyMember(format, member);
                return length > 0;
            case JsonValueKind.Undefined:
                error = SubjectIdentifierErrors.MissingArray(format, member);
                return false;
            case JsonValueKind.Null:
                error = SubjectIdentifierErrors.NullMember(format, member);
                return false;
            default:
                error = SubjectIdentifierErrors.NotArray(format, member);
                return false;
        }
    }

    /// <summary>
    /// The one pass over an object whose format describes one or two members: finds them, refusing a repeated member, a
    /// repeated <c>format</c> and any member the format does not describe. A member not present is left undefined.
    /// </summary>
    private static bool TryFindMembers(
        JsonElement element,
        string format,
        string firstName,
        string? secondName,
        out JsonElement first,
        out JsonElement second,
        [NotNullWhen(false)] out string? error)
    {
        first = default;
        second = default;
        var formatSeen = false;
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals(SubjectMemberNames.Format))
            {
                if (!TrySkipFormat(ref formatSeen, format, out error))
                {
                    return false;
                }
            }
            else if (property.NameEquals(firstName))
            {
                if (!TryKeepOnce(property.Value, format, firstName, ref first, out error))
                {
                    return false;
                }
            }
            else if (secondName is not null && property.NameEquals(secondName))
            {
                if (!TryKeepOnce(property.Value, format, secondName, ref second, out error))
                {
                    return false;
                }
            }
            else
            {
                error = SubjectIdentifierErrors.UndescribedMember(format, property.Name);
                return false;
            }
        }

        error = null;
        return true;
    }

    private static bool TryKeepOnce(JsonElement value, string format, string member, ref JsonElement slot, [NotNullWhen(false)] out string? error)
    {
        // A repeated member would let two parsers disagree about the subject; refuse it rather than pick one.
        if (slot.ValueKind != JsonValueKind.Undefined)
        {
            error = SubjectIdentifierErrors.DuplicateMember(format, member);
            return false;
        }

        slot = value;
        error = null;
        return true;
    }
}
