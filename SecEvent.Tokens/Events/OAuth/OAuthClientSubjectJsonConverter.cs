using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.OAuth;

/// <summary>Reads and writes an <see cref="OAuthClientSubject"/> in the <c>subject_type</c> dialect of OAuth Event Types 1.0 §2.2.</summary>
internal sealed class OAuthClientSubjectJsonConverter : JsonConverter<OAuthClientSubject>
{
    private static readonly string[] Declared = ["client_id"];

    public override OAuthClientSubject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var members = LegacySubjectObject.Read(ref reader, OAuthClientSubject.SubjectType);
        return new OAuthClientSubject
        {
            ClientId = LegacySubjectObject.TakeString(members, "client_id", OAuthClientSubject.SubjectType),
            AdditionalMembers = LegacySubjectObject.Rest(members),
        };
    }

    public override void Write(Utf8JsonWriter writer, OAuthClientSubject value, JsonSerializerOptions options)
    {
        if (value.Problem() is { } problem)
        {
            throw new JsonException(problem);
        }

        writer.WriteStartObject();
        writer.WriteString("subject_type", OAuthClientSubject.SubjectType);
        writer.WriteString("client_id", value.ClientId);
        LegacySubjectObject.WriteRest(writer, value.AdditionalMembers, Declared);
        writer.WriteEndObject();
    }
}
