using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>A session of the subject was presented to a service (OpenID CAEP 1.0 §3.7).</summary>
public sealed record CaepSessionPresented() : CaepEvent(CaepEventTypes.SessionPresented)
{
    /// <summary>A fingerprint of the user agent; OPTIONAL.</summary>
    [JsonPropertyName("fp_ua")]
    public string? UserAgentFingerprint { get; init; }

    /// <summary>An identifier of the session outside the transmitter; OPTIONAL.</summary>
    [JsonPropertyName("ext_id")]
    public string? ExternalSessionId { get; init; }
}
