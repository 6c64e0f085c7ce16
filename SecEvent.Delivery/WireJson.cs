using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SecEvent.Delivery;

/// <summary>Writes the package's JSON messages as UTF-8.</summary>
internal static class WireJson
{
    /// <summary>
    /// Relaxed escaping: the messages are JSON on the wire, never embedded in HTML, so characters such as <c>+</c> in a
    /// telephone number are written as themselves rather than as <c>\u002B</c>, exactly as the specs print them.
    /// </summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
