using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Scim;

/// <summary>
/// A SCIM provisioning event in <c>full</c> mode: its URI ends in <c>:full</c> and its payload carries the resource
/// data in <see cref="Data"/> (draft-ietf-scim-events-16 §2.4).
/// </summary>
/// <remarks>
/// §2.4: exactly one of <c>data</c> and <c>attributes</c> is present, so a full event carrying <c>attributes</c> is
/// refused. Equality compares <see cref="Data"/> structurally (<see cref="JsonElement.DeepEquals"/>).
/// </remarks>
public abstract record ScimFullEvent : ScimEvent
{
    private readonly JsonElement data;

    private protected ScimFullEvent(string eventType)
        : base(eventType)
    {
    }

    /// <summary>The ETag of the resource as a result of the event (RFC 7644 §3.14); OPTIONAL.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.2. Written as given, weak validators included (<c>W/"…"</c>).</remarks>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>The resource data, a JSON object; REQUIRED.</summary>
    /// <remarks>
    /// draft-ietf-scim-events-16 §2.2 and §2.4: the equivalent of a SCIM bulk operation's <c>data</c> (RFC 7644 §3.7),
    /// such as the final representation of a created resource, the PATCH request or the PUT request body. The value
    /// given is copied, so it does not depend on a disposable <see cref="JsonDocument"/>.
    /// </remarks>
    [JsonPropertyName("data")]
    public required JsonElement Data
    {
        get => data;
        init => data = value.ValueKind == JsonValueKind.Undefined ? value : value.Clone();
    }

    private protected sealed override bool CarriesData => true;

    /// <summary>Whether both events are of the same type with equal members, <see cref="Data"/> compared structurally.</summary>
    /// <param name="other">The other event.</param>
    /// <returns><see langword="true"/> when the events are equal.</returns>
    public virtual bool Equals(ScimFullEvent? other) =>
        ReferenceEquals(this, other)
        || (base.Equals(other)
            && string.Equals(Version, other.Version, StringComparison.Ordinal)
            && ScimJson.ElementEquals(data, other.data));

    /// <summary>Returns a hash code consistent with <see cref="Equals(ScimFullEvent)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Version, data.ValueKind);

    private protected override string? ValidatePayload(SecurityEventContext context) =>
        data.ValueKind != JsonValueKind.Object
            ? Problem("needs a 'data' member holding a JSON object", "§2.2, §2.4")
            : EventRules.NotEmpty(Version, "version", $"SCIM {Name}", $"{Draft} §2.2");
}
