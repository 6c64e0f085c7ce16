using System.Text.Json;

namespace SecEvent.Tokens.Events;

/// <summary>An event whose type has no registered model, kept as raw JSON so nothing is lost.</summary>
/// <remarks>SSF 1.0 §4.2.3 and RFC 8417 §2.2: receivers ignore what they do not understand, but must not damage it.</remarks>
public sealed record UnknownSecurityEvent : SecurityEvent
{
    /// <summary>Creates an event from its identifier and raw payload.</summary>
    /// <param name="eventType">The event identifier URI.</param>
    /// <param name="payload">The event payload; it must be a JSON object (RFC 8417 §1.2).</param>
    /// <exception cref="ArgumentException"><paramref name="payload"/> is not a JSON object.</exception>
    public UnknownSecurityEvent(string eventType, JsonElement payload)
        : base(eventType)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("An event payload must be a JSON object (RFC 8417 §1.2).", nameof(payload));
        }

        Payload = payload;
    }

    /// <summary>The event payload, a JSON object.</summary>
    public JsonElement Payload { get; }

    /// <inheritdoc />
    public bool Equals(UnknownSecurityEvent? other) =>
        other is not null && EventType == other.EventType && JsonElement.DeepEquals(Payload, other.Payload);

    /// <inheritdoc />
    public override int GetHashCode() => EventType.GetHashCode(StringComparison.Ordinal);
}
