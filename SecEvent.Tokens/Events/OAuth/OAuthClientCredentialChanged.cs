using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.OAuth;

/// <summary>An OAuth client's credentials changed (OAuth Event Types 1.0 §3.6).</summary>
/// <remarks>The client may instead be identified only by the SET's <c>aud</c> (OAuth Event Types 1.0 §1).</remarks>
public sealed record OAuthClientCredentialChanged() : SecurityEvent(OAuthEventTypes.ClientCredentialChanged)
{
    /// <summary>The client; OPTIONAL.</summary>
    [JsonPropertyName("subject")]
    [JsonConverter(typeof(OAuthClientSubjectJsonConverter))]
    public OAuthClientSubject? Subject { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) => Subject?.Problem();
}
