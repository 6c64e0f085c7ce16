using System.Text.Json;

namespace SecEvent.Tokens.Creation;

/// <summary>Writes the loosely typed values of additional claims and header parameters without reflection.</summary>
internal static class ClaimValueWriter
{
    /// <summary>The JSON a value would be written as.</summary>
    public static JsonElement ToElement(string name, object? value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Write(writer, name, value);
            writer.WriteEndObject();
        }

        return JsonElement.Parse(buffer.WrittenSpan).GetProperty(name);
    }

    public static void Write(Utf8JsonWriter writer, string name, object? value)
    {
        writer.WritePropertyName(name);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case IEnumerable<string> texts:
                writer.WriteStartArray();
                foreach (var text in texts)
                {
                    writer.WriteStringValue(text);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"The value of '{name}' has an unsupported type {value.GetType().Name}; pass a JsonElement.", nameof(value));
        }
    }
}
