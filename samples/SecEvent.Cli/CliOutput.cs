using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SecEvent.Cli;

/// <summary>Writes results as compact JSON, one object a line.</summary>
internal static class CliOutput
{
    // Output is read by people and scripts, never embedded in HTML: "secevent+jwt" keeps its '+', non-ASCII stays readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>Writes one JSON value, built by <paramref name="write"/>, as one line.</summary>
    public static void WriteJsonLine(TextWriter output, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Writes a diagnostic line to stderr, prefixed with the tool's name as Unix tools do.</summary>
    public static void WriteDiagnostic(TextWriter error, string message) => error.WriteLine($"secevent: {message}");
}
