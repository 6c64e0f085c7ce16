using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Scim;

/// <summary>The SCIM activate event: the resource named by the SET's <c>sub_id</c> (such as a User) was activated (draft-ietf-scim-events-16 §2.4.5).</summary>
/// <remarks>It need not reflect a particular state change at the service provider: it may only say the account is ready for use, as the publisher and receiver agreed (for example, it may be logged in to). The draft defines no payload member beyond the common <c>version</c> (§2.2).</remarks>
public sealed record ScimActivate() : ScimEvent(ScimEventTypes.Activate)
{
    /// <summary>The ETag of the resource as a result of the event (RFC 7644 §3.14); OPTIONAL.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.2.</remarks>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    private protected override string Section => "§2.4.5";

    private protected override string? ValidatePayload(SecurityEventContext context) =>
        EventRules.NotEmpty(Version, "version", $"SCIM {Name}", $"{Draft} §2.2");
}
