using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Scim;

/// <summary>The SCIM feed-add event: the resource named by the SET's <c>sub_id</c> was added to the event feed (draft-ietf-scim-events-16 §2.3.1).</summary>
/// <remarks>Joining the feed does not mean the resource is new: an existing user may join because a role was added. The payload is usually empty. The draft defines no payload member beyond the common <c>version</c> (§2.2).</remarks>
public sealed record ScimFeedAdd() : ScimEvent(ScimEventTypes.FeedAdd)
{
    /// <summary>The ETag of the resource as a result of the event (RFC 7644 §3.14); OPTIONAL.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.2.</remarks>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    private protected override string Section => "§2.3.1";

    private protected override string? ValidatePayload(SecurityEventContext context) =>
        EventRules.NotEmpty(Version, "version", $"SCIM {Name}", $"{Draft} §2.2");
}
