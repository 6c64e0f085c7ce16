using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Scim;

/// <summary>
/// A SCIM provisioning event in <c>notice</c> mode: its URI ends in <c>:notice</c> and its payload names the created or
/// changed attributes in <see cref="Attributes"/>, without their values (draft-ietf-scim-events-16 §2.4).
/// </summary>
/// <remarks>
/// §2.4: exactly one of <c>data</c> and <c>attributes</c> is present, so a notice event carrying <c>data</c> is refused.
/// The receiver MAY fetch the values with a SCIM GET on the <c>sub_id</c>'s <c>uri</c> (§2.4.1). Equality compares
/// <see cref="Attributes"/> item by item.
/// </remarks>
public abstract record ScimNoticeEvent : ScimEvent
{
    private protected ScimNoticeEvent(string eventType)
        : base(eventType)
    {
    }

    /// <summary>The ETag of the resource as a result of the event (RFC 7644 §3.14); OPTIONAL.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.2. Written as given, weak validators included (<c>W/"…"</c>).</remarks>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>The names of the attributes created, changed or removed; REQUIRED, at least one, each non-empty.</summary>
    /// <remarks>
    /// draft-ietf-scim-events-16 §2.2: names SHOULD follow the <c>path</c> rule of RFC 7644 §3.5.2, such as
    /// <c>name.familyName</c>; that SHOULD is not enforced.
    /// </remarks>
    [JsonPropertyName("attributes")]
    public required IReadOnlyList<string> Attributes { get; init; }

    private protected sealed override bool CarriesAttributes => true;

    /// <summary>Whether both events are of the same type with equal members, <see cref="Attributes"/> compared item by item.</summary>
    /// <param name="other">The other event.</param>
    /// <returns><see langword="true"/> when the events are equal.</returns>
    public virtual bool Equals(ScimNoticeEvent? other) =>
        ReferenceEquals(this, other)
        || (base.Equals(other)
            && string.Equals(Version, other.Version, StringComparison.Ordinal)
            && (ReferenceEquals(Attributes, other.Attributes)
                || (Attributes is not null && other.Attributes is not null && Attributes.SequenceEqual(other.Attributes, StringComparer.Ordinal))));

    /// <summary>Returns a hash code consistent with <see cref="Equals(ScimNoticeEvent)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Version, Attributes?.Count);

    private protected override string? ValidatePayload(SecurityEventContext context) =>
        Attributes is not { Count: > 0 }
            ? Problem("needs an 'attributes' member listing at least one attribute name", "§2.2, §2.4")
            : EventRules.Strings(Attributes, "attributes", $"SCIM {Name}", $"{Draft} §2.2")
                ?? EventRules.NotEmpty(Version, "version", $"SCIM {Name}", $"{Draft} §2.2");
}
