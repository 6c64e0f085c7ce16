using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Scim;

/// <summary>The SCIM feed-remove event: the resource named by the SET's <c>sub_id</c> was removed from the event feed (draft-ietf-scim-events-16 §2.3.2).</summary>
/// <remarks>Removal from the feed does not mean the resource was deleted or deactivated. A deleted resource is reported with <see cref="ScimDelete"/> alone. The draft defines no payload member beyond the common <c>version</c> (§2.2).</remarks>
public sealed record ScimFeedRemove() : ScimEvent(ScimEventTypes.FeedRemove)
{
    /// <summary>The ETag of the resource as a result of the event (RFC 7644 §3.14); OPTIONAL.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.2.</remarks>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    private protected override string Section => "§2.3.2";

    private protected override string? ValidatePayload(SecurityEventContext context) =>
        EventRules.NotEmpty(Version, "version", $"SCIM {Name}", $"{Draft} §2.2");
}
