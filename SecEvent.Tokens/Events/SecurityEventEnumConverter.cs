using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events;

/// <summary>
/// Reads and writes an enumeration as the exact strings a specification defines, taken from each member's
/// <see cref="JsonStringEnumMemberNameAttribute"/>.
/// </summary>
/// <typeparam name="TEnum">The enumeration.</typeparam>
/// <remarks>
/// Stricter than <see cref="JsonStringEnumConverter{TEnum}"/> on purpose: names are compared ordinally (CAEP's
/// <c>LOW</c> is not <c>low</c>), numbers are refused, and so is any string the specification does not list. A closed
/// enumeration in a security event is part of its meaning; a value outside it is an error, not a default.
/// </remarks>
public sealed class SecurityEventEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByName = Members().ToFrozenDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
    private static readonly FrozenDictionary<TEnum, string> ByValue = Members().ToFrozenDictionary(m => m.Value, m => m.Name);
    private static readonly string Listing = string.Join(", ", Members().Select(m => $"'{m.Name}'"));

    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string: one of {Listing}.");
        }

        return ByName.TryGetValue(reader.GetString()!, out var value)
            ? value
            : throw new JsonException($"The value is not one of {Listing}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(ByValue.TryGetValue(value, out var name)
            ? name
            : throw new JsonException($"{value} is not a defined {typeof(TEnum).Name}; use one of {Listing}."));
    }

    /// <summary>Finds the member with a specification name.</summary>
    internal static bool TryParse(string name, out TEnum value) => ByName.TryGetValue(name, out value);

    /// <summary>The specification name of a member, or <see langword="null"/>.</summary>
    internal static string? NameOf(TEnum value) => ByValue.GetValueOrDefault(value);

    /// <summary>Whether <paramref name="value"/> is a member with a specification name.</summary>
    internal static bool IsDefined(TEnum value) => ByValue.ContainsKey(value);

    /// <summary>The specification names, quoted and comma-separated, for error messages.</summary>
    internal static string Names => Listing;

    private static IEnumerable<(string Name, TEnum Value)> Members() =>
        typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field =>
            (field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name, (TEnum)field.GetValue(null)!));
}
