using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FluentAssertions;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

/// <summary>Small helpers for turning JSON text into subject identifiers and back.</summary>
internal static class SubjectJson
{
    // The default encoder escapes '+' and non-ASCII text; the relaxed one keeps expected JSON in tests readable.
    private static readonly JsonWriterOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses JSON text into an element that outlives its document.</summary>
    public static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Writes an identifier with <see cref="SubjectIdentifier.WriteTo"/> and returns the text.</summary>
    public static string Write(SubjectIdentifier subject)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Readable))
        {
            subject.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses JSON text that must be a valid identifier.</summary>
    public static SubjectIdentifier Valid(string json)
    {
        SubjectIdentifier.TryParse(Element(json), out var subject, out var error).Should().BeTrue(error);
        return subject!;
    }

    /// <summary>Parses JSON text that must not be a valid identifier and returns the error.</summary>
    public static string Invalid(string json)
    {
        SubjectIdentifier.TryParse(Element(json), out var subject, out var error).Should().BeFalse();
        subject.Should().BeNull();
        error.Should().NotBeNullOrWhiteSpace();
        return error!;
    }

    /// <summary>Writes the identifier, reads it back, and returns what was read.</summary>
    public static SubjectIdentifier RoundTrip(SubjectIdentifier subject) => Valid(Write(subject));

    /// <summary>The identifier inside a vector's data: the value of a lone <c>sub_id</c> or <c>subject</c> member, else the data.</summary>
    public static JsonElement Unwrap(JsonElement data)
    {
        if (data.ValueKind == JsonValueKind.Object && data.GetPropertyCount() == 1)
        {
            foreach (var property in data.EnumerateObject())
            {
                if (property.NameEquals("sub_id") || property.NameEquals("subject"))
                {
                    return property.Value;
                }
            }
        }

        return data;
    }
}
