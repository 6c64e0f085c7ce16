using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SecEvent.Tokens.Subjects;

// Temporary stand-in until the subject identifier module lands.
#pragma warning disable CS1591
public abstract record SubjectIdentifier
{
    public abstract string Format { get; }

    public static bool TryParse(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        subject = element.TryGetProperty("format", out var f) && f.GetString() == "opaque" ? new OpaqueSubjectIdentifier { Id = element.GetProperty("id").GetString()! } : new OpaqueSubjectIdentifier { Id = "x" };
        error = null;
        return true;
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        if (this is OpaqueSubjectIdentifier o) writer.WriteString("id", o.Id);
        writer.WriteEndObject();
    }
}

public sealed record OpaqueSubjectIdentifier : SubjectIdentifier
{
    public override string Format => "opaque";
    public required string Id { get; init; }
}
