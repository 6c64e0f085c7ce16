using System.Buffers;
using System.Text.Json;

namespace SecEvent.Tokens.Events;

/// <summary>Checks shared by the event records; each message names the member and the rule's source.</summary>
internal static class EventRules
{
    private static readonly SearchValues<char> AsciiLetters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static readonly SearchValues<char> AsciiLettersAndDigits =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>A required text member: present and not empty.</summary>
    public static string? Required(string? value, string member, string eventType, string section) =>
        string.IsNullOrEmpty(value) ? $"The {Name(eventType)} event needs a non-empty '{member}' member ({section})." : null;

    /// <summary>An optional text member: absent, or not empty.</summary>
    public static string? NotEmpty(string? value, string member, string eventType, string section) =>
        value is { Length: 0 } ? $"The {Name(eventType)} event's '{member}' member must not be empty ({section})." : null;

    /// <summary>A closed enumeration: a member with a specification name (a cast can make any number).</summary>
    public static string? Defined<TEnum>(TEnum? value, string member, string eventType, string section)
        where TEnum : struct, Enum =>
        value is { } v && !SecurityEventEnumConverter<TEnum>.IsDefined(v)
            ? $"The {Name(eventType)} event's '{member}' member must be one of {SecurityEventEnumConverter<TEnum>.Names} ({section})."
            : null;

    /// <summary>
    /// A language map such as CAEP's <c>reason_admin</c>: at least one entry, each keyed by a well-formed BCP 47
    /// language tag (RFC 5646 §2.1) and holding a string.
    /// </summary>
    public static string? LanguageMap(IReadOnlyDictionary<string, string>? map, string member, string eventType, string section)
    {
        if (map is null)
        {
            return null;
        }

        if (map.Count == 0)
        {
            return $"The {Name(eventType)} event's '{member}' member must hold at least one language-tagged message ({section}).";
        }

        foreach (var (tag, text) in map)
        {
            if (!IsLanguageTag(tag) || text is null)
            {
                return BadLanguageMap(member, eventType, section);
            }
        }

        return null;
    }

    private static string BadLanguageMap(string member, string eventType, string section) =>
        $"The {Name(eventType)} event's '{member}' member must map BCP 47 language tags to strings ({section}).";

    /// <summary>A JSON object member that must hold at least one member (CAEP <c>claims</c>).</summary>
    public static string? NonEmptyObject(IReadOnlyDictionary<string, JsonElement>? map, string member, string eventType, string section) =>
        map is null || map.Count == 0 ? $"The {Name(eventType)} event needs a '{member}' object with at least one member ({section})." : null;

    /// <summary>An array of strings without empty entries.</summary>
    public static string? Strings(IReadOnlyList<string>? values, string member, string eventType, string section)
    {
        if (values is null)
        {
            return null;
        }

        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value))
            {
                return $"The {Name(eventType)} event's '{member}' member must be an array of non-empty strings ({section}).";
            }
        }

        return null;
    }

    /// <summary>The short name of an event type (<c>session-revoked</c>; a URN stays whole), for messages.</summary>
    internal static string Name(string eventType) => eventType[(eventType.LastIndexOf('/') + 1)..];

    /// <summary>
    /// The well-formedness of RFC 5646 §2.1 in its common shape: subtags of 1–8 letters or digits separated by hyphens,
    /// the first of letters only. Registry look-ups are deliberately not done: new subtags must not break receivers.
    /// </summary>
    internal static bool IsLanguageTag(string? tag)
    {
        if (string.IsNullOrEmpty(tag))
        {
            return false;
        }

        var first = true;
        foreach (var range in tag.AsSpan().Split('-'))
        {
            var subtag = tag.AsSpan()[range];
            if (subtag.Length is 0 or > 8 || subtag.ContainsAnyExcept(first ? AsciiLetters : AsciiLettersAndDigits))
            {
                return false;
            }

            first = false;
        }

        return true;
    }
}
