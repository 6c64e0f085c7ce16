using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens;

/// <summary>Reads and writes a <see cref="NumericDate"/> as a JSON number of seconds since the epoch (RFC 7519 §2).</summary>
/// <remarks>Strings, and numbers outside the range of <see cref="DateTimeOffset"/>, are refused.</remarks>
public sealed class NumericDateJsonConverter : JsonConverter<NumericDate>
{
    /// <inheritdoc />
    public override NumericDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var seconds) || !NumericDate.TryCreate(seconds, out var date))
        {
            throw new JsonException("Expected a NumericDate: a JSON number of seconds since 1970-01-01T00:00:00Z (RFC 7519 §2).");
        }

        return date;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, NumericDate value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.Seconds);
    }
}
