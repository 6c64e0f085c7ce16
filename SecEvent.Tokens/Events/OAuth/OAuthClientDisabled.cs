using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.OAuth;

/// <summary>An OAuth client was disabled (OAuth Event Types 1.0 §3.4).</summary>
/// <remarks>The client may instead be identified only by the SET's <c>aud</c> (OAuth Event Types 1.0 §1).</remarks>
public sealed record OAuthClientDisabled() : SecurityEvent(OAuthEventTypes.ClientDisabled)
{
    /// <summary>The client; OPTIONAL.</summary>
    [JsonPropertyName("subject")]
    [JsonConverter(typeof(OAuthClientSubjectJsonConverter))]
    public OAuthClientSubject? Subject { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) => Subject?.Problem();
}
