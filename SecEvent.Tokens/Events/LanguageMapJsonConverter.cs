using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events;

/// <summary>
/// Reads and writes a language map such as CAEP's <c>reason_admin</c>: a JSON object of BCP 47 language tags to strings.
/// </summary>
/// <remarks>
/// A dedicated reader rather than System.Text.Json's dictionary support: the map is read in the frame of the event
/// record, which keeps typed events cheap to read, and a non-string value is refused at once. The language tags and
/// the one-entry minimum are checked by the event's <see cref="SecurityEvent.Validate(SecurityEventContext)"/>, so
/// created events are judged the same way.
/// </remarks>
internal sealed class LanguageMapJsonConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected an object of BCP 47 language tags to strings.");
        }

        var map = new Dictionary<string, string>(2, StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var tag = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("Each language tag must map to a string.");
            }

            map[tag] = reader.GetString()!;
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (tag, text) in value)
        {
            writer.WriteString(tag, text);
        }

        writer.WriteEndObject();
    }
}
