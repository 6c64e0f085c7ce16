using System.Text.Json;

namespace SecEvent.Tokens.Events.OAuth;

/// <summary>Reads and writes the members of an OAuth Event Types subject (<c>subject_type</c> plus string members).</summary>
internal static class LegacySubjectObject
{
    /// <summary>Reads an object whose <c>subject_type</c> (or <c>format</c>) is <paramref name="subjectType"/>; returns its other members.</summary>
    public static Dictionary<string, JsonElement> Read(ref Utf8JsonReader reader, string subjectType)
    {
        var element = JsonElement.ParseValue(ref reader);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"An '{subjectType}' subject must be a JSON object (OAuth Event Types 1.0 §2).");
        }

        string? type = null;
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            if (member.Name is "subject_type" or "format")
            {
                type = type is null && member.Value.ValueKind == JsonValueKind.String
                    ? member.Value.GetString()
                    : throw new JsonException($"An '{subjectType}' subject needs exactly one string 'subject_type' (OAuth Event Types 1.0 §2).");
                continue;
            }

            members[member.Name] = member.Value;
        }

        return type == subjectType
            ? members
            : throw new JsonException($"Expected a subject whose 'subject_type' is '{subjectType}' (OAuth Event Types 1.0 §2).");
    }

    /// <summary>Removes and returns a required non-empty string member.</summary>
    public static string TakeString(Dictionary<string, JsonElement> members, string name, string subjectType) =>
        members.Remove(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new JsonException($"An '{subjectType}' subject needs a non-empty string '{name}' (OAuth Event Types 1.0 §2).");

    /// <summary>The members left after the declared ones, or <see langword="null"/> when there are none.</summary>
    public static IReadOnlyDictionary<string, JsonElement>? Rest(Dictionary<string, JsonElement> members) =>
        members.Count == 0 ? null : members;

    /// <summary>Writes the kept members after the declared ones.</summary>
    public static void WriteRest(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement>? rest, ReadOnlySpan<string> declared)
    {
        foreach (var (name, value) in rest ?? new Dictionary<string, JsonElement>())
        {
            if (name is "subject_type" or "format" || declared.Contains(name))
            {
                throw new JsonException($"The additional member '{name}' is declared by the subject; set the property instead.");
            }

            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }
}
