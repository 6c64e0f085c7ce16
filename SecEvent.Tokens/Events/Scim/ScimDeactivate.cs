using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Scim;

/// <summary>The SCIM deactivate event: the resource named by the SET's <c>sub_id</c> (such as a User) was deactivated and disabled (draft-ietf-scim-events-16 §2.4.6).</summary>
/// <remarks>The exact meaning SHOULD be agreed between the publisher and the receiver; typically the subject may no longer have an active security session. The draft defines no payload member beyond the common <c>version</c> (§2.2).</remarks>
public sealed record ScimDeactivate() : ScimEvent(ScimEventTypes.Deactivate)
{
    /// <summary>The ETag of the resource as a result of the event (RFC 7644 §3.14); OPTIONAL.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.2.</remarks>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    private protected override string Section => "§2.4.6";

    private protected override string? ValidatePayload(SecurityEventContext context) =>
        EventRules.NotEmpty(Version, "version", $"SCIM {Name}", $"{Draft} §2.2");
}
