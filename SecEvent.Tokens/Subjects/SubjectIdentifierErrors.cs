using System.Globalization;
using System.Text;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// The error sentences of subject identifier parsing and construction. They name formats and members but never repeat a
/// member value: subject identifiers are usually personal data (RFC 9493 §6).
/// </summary>
internal static class SubjectIdentifierErrors
{
    private const int MaxNameLength = 64;

    public const string NotAnObject = "A subject identifier must be a JSON object.";
    public const string MissingFormat = "A subject identifier requires a non-empty string member 'format'.";
    public const string FormatNotString = "The subject identifier member 'format' must be a JSON string.";
    public const string FormatEmpty = "The subject identifier member 'format' must not be empty.";
    public const string InvalidText = "The subject identifier contains a JSON string that is not valid UTF-16 text.";

    public const string LegacySubjectType =
        "The subject identifier uses the legacy member 'subject_type'; RFC 9493 requires the member 'format'.";

    public const string NestedAliases =
        "An 'aliases' subject identifier must not contain another 'aliases' identifier (RFC 9493 §3.2.8).";

    public const string NestedComplex =
        "A 'complex' subject identifier cannot be nested inside another subject identifier (SSF 1.0 §3.3).";

    public const string EmptyComplex = "The 'complex' subject identifier requires at least one member (SSF 1.0 §3.3).";
    public const string EmptyComplexMemberName = "The 'complex' subject identifier has a member with an empty name.";

    public static string LegacyFormat(string format) => format switch
    {
        "iss-sub" => "The subject identifier format 'iss-sub' is a legacy name; RFC 9493 §3.2.3 names it 'iss_sub'.",
        "phone" or "phone-number" =>
            $"The subject identifier format '{format}' is a legacy name; RFC 9493 §3.2.5 names it 'phone_number'.",
        _ => $"The subject identifier format '{format}' is a legacy format that RFC 9493 does not define.",
    };

    public static string DuplicateFormat(string format) => $"The '{format}' subject identifier contains member 'format' more than once.";

    public static string MissingString(string format, string member) =>
        $"The '{format}' subject identifier requires a non-empty string member '{member}'.";

    public static string MissingArray(string format, string member) =>
        $"The '{format}' subject identifier requires a non-empty array member '{member}'.";

    public static string NullMember(string format, string member) =>
        $"The '{format}' subject identifier member '{member}' must not be null.";

    public static string NotString(string format, string member) =>
        $"The '{format}' subject identifier member '{member}' must be a JSON string.";

    public static string NotArray(string format, string member) =>
        $"The '{format}' subject identifier member '{member}' must be a JSON array.";

    public static string NotObject(string format, string member) =>
        $"The '{format}' subject identifier member '{Printable(member)}' must be a JSON object.";

    public static string EmptyMember(string format, string member) =>
        $"The '{format}' subject identifier member '{member}' must not be empty.";

    public static string DuplicateMember(string format, string member) =>
        $"The '{format}' subject identifier contains member '{Printable(member)}' more than once.";

    public static string UndescribedMember(string format, string member) =>
        $"The '{format}' subject identifier does not describe member '{Printable(member)}' (RFC 9493 §3).";

    public static string Malformed(string format, string member, string expected) =>
        $"The '{format}' subject identifier member '{member}' must be {expected}.";

    public static string ItemNotString(string format, string member, int index) => string.Create(
        CultureInfo.InvariantCulture, $"The '{format}' subject identifier member '{member}' item {index} must be a non-empty JSON string.");

    public static string ItemNotObject(string format, string member, int index) => string.Create(
        CultureInfo.InvariantCulture, $"The '{format}' subject identifier member '{member}' item {index} must be a JSON object.");

    public static string MalformedItem(string format, string member, int index, string expected) => string.Create(
        CultureInfo.InvariantCulture, $"The '{format}' subject identifier member '{member}' item {index} must be {expected}.");

    public static string InvalidItem(string format, string member, int index, string inner) => string.Create(
        CultureInfo.InvariantCulture, $"The '{format}' subject identifier member '{member}' item {index} is invalid: {inner}");

    public static string InvalidComplexMember(string member, string inner) =>
        $"The 'complex' subject identifier member '{Printable(member)}' is invalid: {inner}";

    /// <summary>A member name made safe for messages and logs: at most 64 characters, control characters replaced.</summary>
    public static string Printable(string text)
    {
        var needsWork = text.Length > MaxNameLength;
        foreach (var c in text)
        {
            needsWork |= char.IsControl(c) || char.IsSurrogate(c);
        }

        if (!needsWork)
        {
            return text;
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxNameLength) + 1);
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, MaxNameLength)))
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }

        return text.Length > MaxNameLength ? builder.Append('…').ToString() : builder.ToString();
    }
}
