using System.Text.Json.Serialization;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Events.OAuth;

/// <summary>An OAuth token was revoked (OAuth Event Types 1.0 §3.2): the notice an authorization server sends when a token dies early, for example after an RFC 7009 revocation request (<see cref="OAuthTokenRevocationReason.Api"/>).</summary>
public sealed record OAuthTokenRevoked() : SecurityEvent(OAuthEventTypes.TokenRevoked)
{
    /// <summary>The token; REQUIRED.</summary>
    [JsonPropertyName("subject")]
    [JsonConverter(typeof(OAuthTokenSubjectJsonConverter))]
    public required OAuthTokenSubject Subject { get; init; }

    /// <summary>The user the token was issued to, in the <c>subject_type</c> dialect (<c>iss-sub</c>); OPTIONAL.</summary>
    [JsonPropertyName("token_subject")]
    [JsonConverter(typeof(LegacySubjectJsonConverter))]
    public SubjectIdentifier? TokenSubject { get; init; }

    /// <summary>Why the token was revoked; OPTIONAL.</summary>
    [JsonPropertyName("reason")]
    public OAuthTokenRevocationReason? Reason { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) =>
        Subject?.Problem() ?? EventRules.Defined(Reason, "reason", EventType, "OAuth Event Types 1.0 §3.2");
}
