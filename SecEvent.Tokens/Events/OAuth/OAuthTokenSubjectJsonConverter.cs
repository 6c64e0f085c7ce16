using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.OAuth;

/// <summary>Reads and writes an <see cref="OAuthTokenSubject"/> in the <c>subject_type</c> dialect of OAuth Event Types 1.0 §2.1.</summary>
internal sealed class OAuthTokenSubjectJsonConverter : JsonConverter<OAuthTokenSubject>
{
    private static readonly string[] Declared = ["token_type", "token_identifier_alg", "token"];

    public override OAuthTokenSubject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var members = LegacySubjectObject.Read(ref reader, OAuthTokenSubject.SubjectType);
        var tokenType = LegacySubjectObject.TakeString(members, "token_type", OAuthTokenSubject.SubjectType);
        return new OAuthTokenSubject
        {
            TokenType = SecurityEventEnumConverter<OAuthTokenType>.TryParse(tokenType, out var type)
                ? type
                : throw new JsonException($"The 'oauth_token' subject's 'token_type' must be one of {SecurityEventEnumConverter<OAuthTokenType>.Names} (OAuth Event Types 1.0 §2.1)."),
            TokenIdentifierAlgorithm = LegacySubjectObject.TakeString(members, "token_identifier_alg", OAuthTokenSubject.SubjectType),
            Token = LegacySubjectObject.TakeString(members, "token", OAuthTokenSubject.SubjectType),
            AdditionalMembers = LegacySubjectObject.Rest(members),
        };
    }

    public override void Write(Utf8JsonWriter writer, OAuthTokenSubject value, JsonSerializerOptions options)
    {
        if (value.Problem() is { } problem)
        {
            throw new JsonException(problem);
        }

        writer.WriteStartObject();
        writer.WriteString("subject_type", OAuthTokenSubject.SubjectType);
        writer.WriteString("token_type", SecurityEventEnumConverter<OAuthTokenType>.NameOf(value.TokenType));
        writer.WriteString("token_identifier_alg", value.TokenIdentifierAlgorithm);
        writer.WriteString("token", value.Token);
        LegacySubjectObject.WriteRest(writer, value.AdditionalMembers, Declared);
        writer.WriteEndObject();
    }
}
