using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// Reads <c>aud</c> as a string or an array of strings (OpenID SSF 1.0 §8.1.1, as RFC 7519 §4.1.3) and writes back the
/// shape it read; a list built in code writes one value as a string and several as an array.
/// </summary>
internal sealed class SsfAudienceConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new Audience([reader.GetString()!], isArray: false);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("aud must be a string or an array of strings.");
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("aud must be a string or an array of strings.");
            }

            values.Add(reader.GetString()!);
        }

        return new Audience(values, isArray: true);
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        if (value.Count == 1 && value is not Audience { IsArray: true })
        {
            writer.WriteStringValue(value[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>The values read, and whether they came as an array, so that a one-value array is written back as one.</summary>
    private sealed class Audience(IList<string> values, bool isArray) : ReadOnlyCollection<string>(values)
    {
        public bool IsArray { get; } = isArray;
    }
}
