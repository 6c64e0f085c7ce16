using System.Text.Json.Serialization;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Events.OAuth;

/// <summary>An OAuth token was issued (OAuth Event Types 1.0 §3.1).</summary>
public sealed record OAuthTokenIssued() : SecurityEvent(OAuthEventTypes.TokenIssued)
{
    /// <summary>The token; REQUIRED.</summary>
    [JsonPropertyName("subject")]
    [JsonConverter(typeof(OAuthTokenSubjectJsonConverter))]
    public required OAuthTokenSubject Subject { get; init; }

    /// <summary>The user the token was issued to, in the <c>subject_type</c> dialect (<c>iss-sub</c>); OPTIONAL.</summary>
    [JsonPropertyName("token_subject")]
    [JsonConverter(typeof(LegacySubjectJsonConverter))]
    public SubjectIdentifier? TokenSubject { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) =>
        Subject?.Problem();
}
