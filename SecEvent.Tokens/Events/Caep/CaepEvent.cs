using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>
/// The members every CAEP event may carry (OpenID CAEP 1.0 §2): when the change happened, what started it, and
/// why, for administrators and for the end user.
/// </summary>
/// <remarks>
/// CAEP 1.0 §4 asks for the SSF profile (<see cref="SecurityEventProfile.SharedSignals"/>): the subject travels in the
/// SET's <c>sub_id</c>, not in the event.
/// </remarks>
public abstract record CaepEvent : SecurityEvent
{
    /// <summary>Creates an event of the given CAEP type.</summary>
    /// <param name="eventType">One of <see cref="CaepEventTypes"/>.</param>
    protected CaepEvent(string eventType)
        : base(eventType)
    {
    }

    /// <summary>When the change happened (CAEP-02: the time of the revocation, the claim change, and so on); OPTIONAL.</summary>
    [JsonPropertyName("event_timestamp")]
    public NumericDate? EventTimestamp { get; init; }

    /// <summary>What started the change; OPTIONAL (CAEP 1.0 §2).</summary>
    [JsonPropertyName("initiating_entity")]
    public CaepInitiatingEntity? InitiatingEntity { get; init; }

    /// <summary>
    /// Why the change happened, for administrators: BCP 47 language tags mapped to messages, at least one entry;
    /// OPTIONAL (CAEP 1.0 §2). Do not put data here the receiver should not see.
    /// </summary>
    [JsonPropertyName("reason_admin")]
    [JsonConverter(typeof(LanguageMapJsonConverter))]
    public IReadOnlyDictionary<string, string>? ReasonAdmin { get; init; }

    /// <summary>Why the change happened, for the end user: BCP 47 language tags mapped to messages, at least one entry; OPTIONAL (CAEP 1.0 §2).</summary>
    [JsonPropertyName("reason_user")]
    [JsonConverter(typeof(LanguageMapJsonConverter))]
    public IReadOnlyDictionary<string, string>? ReasonUser { get; init; }

    /// <inheritdoc />
    /// <remarks>Derived records call this first: it checks the members of CAEP 1.0 §2 (CAEP-01).</remarks>
    protected internal override string? Validate(SecurityEventContext context) =>
        EventRules.Defined(InitiatingEntity, "initiating_entity", EventType, "CAEP 1.0 §2")
        ?? EventRules.LanguageMap(ReasonAdmin, "reason_admin", EventType, "CAEP 1.0 §2")
        ?? EventRules.LanguageMap(ReasonUser, "reason_user", EventType, "CAEP 1.0 §2");
}
