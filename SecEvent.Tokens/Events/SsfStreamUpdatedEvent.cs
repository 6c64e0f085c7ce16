using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events;

/// <summary>
/// The SSF stream-updated event (OpenID SSF 1.0 §8.1.5): the transmitter changed a stream's status.
/// </summary>
/// <remarks>
/// Sent before a stream is paused or disabled and when it is enabled again (SSF-38). The SET's <c>sub_id</c>
/// MUST be an <c>opaque</c> identifier whose <c>id</c> is the stream id.
/// </remarks>
public sealed record SsfStreamUpdatedEvent() : SecurityEvent(SecurityEventTypes.SsfStreamUpdated)
{
    /// <summary>The new status: one of <see cref="SsfStreamStatuses"/>; REQUIRED.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Why the status changed, for people; OPTIONAL.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <inheritdoc />
    protected internal override string? Validate(SecurityEventContext context) =>
        SsfStreamStatuses.IsDefined(Status)
            ? null
            : "The stream-updated event's 'status' must be 'enabled', 'paused' or 'disabled' (SSF 1.0 §8.1.2.1).";
}
