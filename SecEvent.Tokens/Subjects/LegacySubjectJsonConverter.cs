using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// Reads and writes a subject in the dialect that predates RFC 9493: the subject sits inside the event, its format is
/// named by <c>subject_type</c>, and <c>iss-sub</c> and <c>phone</c> are spelled the old way. Google's Cross-Account
/// Protection (RISC) and the OAuth Event Types draft still speak it.
/// </summary>
/// <remarks>
/// RISC 1.0 §3.1 (RISC-05) deprecates <c>subject_type</c> and forbids it to new services, yet asks receivers that deal with
/// Google to read it. Reading accepts either <c>format</c> or <c>subject_type</c> (not both), then applies every rule of
/// <see cref="SubjectIdentifier.TryParse"/>. Writing uses <c>subject_type</c> and the old names, because only members in
/// this dialect use the converter and their receivers expect it.
/// </remarks>
internal sealed class LegacySubjectJsonConverter : JsonConverter<SubjectIdentifier>
{
    /// <inheritdoc />
    public override SubjectIdentifier Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(SubjectMemberNames.SubjectType, out var legacyType))
        {
            if (element.TryGetProperty(SubjectMemberNames.Format, out _) || legacyType.ValueKind != JsonValueKind.String)
            {
                throw new JsonException("A legacy subject needs exactly one string 'subject_type' and no 'format' (RISC 1.0 §3.1).");
            }

            element = WithFormat(element, ModernName(legacyType.GetString()!));
        }

        return SubjectIdentifier.TryParse(element, out var subject, out var error) ? subject : throw new JsonException(error);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SubjectIdentifier value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>();
        using (var modern = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(modern);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        writer.WriteStartObject();
        writer.WriteString(SubjectMemberNames.SubjectType, LegacyName(value.Format));
        foreach (var member in document.RootElement.EnumerateObject())
        {
            if (member.Name != SubjectMemberNames.Format)
            {
                member.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static string ModernName(string legacy) => legacy switch
    {
        "iss-sub" => SubjectIdentifierFormats.IssuerSubject,
        "phone" or "phone-number" => SubjectIdentifierFormats.PhoneNumber,
        _ => legacy,
    };

    private static string LegacyName(string format) => format switch
    {
        SubjectIdentifierFormats.IssuerSubject => "iss-sub",
        SubjectIdentifierFormats.PhoneNumber => "phone",
        _ => format,
    };

    private static JsonElement WithFormat(JsonElement legacy, string format)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(SubjectMemberNames.Format, format);
            foreach (var member in legacy.EnumerateObject())
            {
                if (member.Name != SubjectMemberNames.SubjectType)
                {
                    member.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }
}
