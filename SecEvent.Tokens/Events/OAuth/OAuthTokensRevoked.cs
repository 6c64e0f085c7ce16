using System.Text.Json.Serialization;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Events.OAuth;

/// <summary>Every OAuth token issued to a subject was revoked (OAuth Event Types 1.0 §3.3).</summary>
public sealed record OAuthTokensRevoked() : SecurityEvent(OAuthEventTypes.TokensRevoked)
{
    /// <summary>
    /// The user whose tokens were revoked, in the <c>subject_type</c> dialect (<c>iss-sub</c>); OPTIONAL when the SET's
    /// <c>sub_id</c> names the user instead.
    /// </summary>
    [JsonPropertyName("subject")]
    [JsonConverter(typeof(LegacySubjectJsonConverter))]
    public SubjectIdentifier? Subject { get; init; }
}
