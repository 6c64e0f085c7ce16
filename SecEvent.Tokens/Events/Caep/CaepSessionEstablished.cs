using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>A session was established for the subject (OpenID CAEP 1.0 §3.6).</summary>
/// <remarks><see cref="CaepEvent.EventTimestamp"/> is the time the session was established.</remarks>
public sealed record CaepSessionEstablished() : CaepEvent(CaepEventTypes.SessionEstablished)
{
    /// <summary>A fingerprint of the user agent; OPTIONAL.</summary>
    [JsonPropertyName("fp_ua")]
    public string? UserAgentFingerprint { get; init; }

    /// <summary>The authentication context class reference, as in an ID Token; OPTIONAL.</summary>
    [JsonPropertyName("acr")]
    public string? Acr { get; init; }

    /// <summary>The authentication methods references, as in an ID Token: an array of strings; OPTIONAL.</summary>
    [JsonPropertyName("amr")]
    public IReadOnlyList<string>? Amr { get; init; }

    /// <summary>An identifier of the session outside the transmitter; OPTIONAL.</summary>
    [JsonPropertyName("ext_id")]
    public string? ExternalSessionId { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) =>
        base.Validate(context) ?? EventRules.Strings(Amr, "amr", EventType, "CAEP 1.0 §3.6.1");
}
