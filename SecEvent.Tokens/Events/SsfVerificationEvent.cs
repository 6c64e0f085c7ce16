using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events;

/// <summary>
/// The SSF verification event (OpenID SSF 1.0 §8.1.4.1): proves a stream delivers end to end.
/// </summary>
/// <remarks>
/// The SET's <c>sub_id</c> MUST be an <c>opaque</c> identifier whose <c>id</c> is the stream id (SSF-36).
/// The receiver compares <see cref="State"/> with the value it sent and answers <c>invalid_state</c> on a mismatch.
/// A verification the transmitter starts on its own carries no state (SSF-37).
/// </remarks>
public sealed record SsfVerificationEvent() : SecurityEvent(SecurityEventTypes.SsfVerification)
{
    /// <summary>The <c>state</c> the receiver sent in its verification request, echoed exactly; OPTIONAL.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }
}
