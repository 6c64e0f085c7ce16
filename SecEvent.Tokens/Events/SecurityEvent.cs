using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events;

/// <summary>
/// One member of a SET's <c>events</c> claim: an event identifier (a URI) and its payload (RFC 8417 §2.2).
/// Typed events are <see langword="sealed"/> records deriving from this one; types the application has not
/// registered arrive as <see cref="UnknownSecurityEvent"/>.
/// </summary>
/// <remarks>
/// <para>To add an event type, derive a sealed record, pass its URI to this constructor, give its members
/// <see cref="JsonPropertyNameAttribute"/>s (and <see langword="required"/> where the specification requires them),
/// and register it with <see cref="SecurityEventTypeRegistry.Register{TEvent}(string, System.Text.Json.Serialization.Metadata.JsonTypeInfo{TEvent})"/>.
/// Override <see cref="Validate(SecurityEventContext)"/> for rules a JSON schema cannot express, such as enumerations.</para>
/// <para>Members of a received payload that the typed record does not declare are kept in
/// <see cref="AdditionalMembers"/> and written back, so parse → serialize loses nothing (SSF 1.0 §4.2.3).</para>
/// </remarks>
public abstract record SecurityEvent
{
    /// <summary>Creates an event of the given type.</summary>
    /// <param name="eventType">The event identifier URI (RFC 8417 §1.2).</param>
    protected SecurityEvent(string eventType)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        EventType = eventType;
    }

    /// <summary>The event identifier: the member name in the <c>events</c> claim (RFC 8417 §1.2).</summary>
    [JsonIgnore]
    public string EventType { get; }

    /// <summary>Payload members the typed record does not declare, in the order read; written after the declared ones.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement>? AdditionalMembers { get; init; }

    /// <summary>
    /// Checks the rules of the event type that its declared members cannot express (enumerated values,
    /// co-occurrence, the subject format the SET must use). Runs when a token is created and when one is validated;
    /// a problem is reported with the RFC 8935 code <c>invalid_request</c>.
    /// </summary>
    /// <param name="context">The SET that carries the event.</param>
    /// <returns><see langword="null"/> when the event is valid; otherwise an English description of the first problem that names the member.</returns>
    protected internal virtual string? Validate(SecurityEventContext context) => null;
}
