namespace SecEvent.Tokens.Events.Scim;

/// <summary>
/// The SCIM delete event: the resource named by the SET's <c>sub_id</c> was deleted from the service provider, and so
/// also left the feed (draft-ietf-scim-events-16 §2.4.4).
/// </summary>
/// <remarks>
/// §2.4.4: the event has no payload members and its URI takes no <c>:full</c> or <c>:notice</c> suffix, so <c>data</c>
/// and <c>attributes</c> are refused; no <c>feed:remove</c> is sent for the same deletion. Members a sender adds anyway
/// are kept in <see cref="SecurityEvent.AdditionalMembers"/>.
/// </remarks>
public sealed record ScimDelete() : ScimEvent(ScimEventTypes.Delete)
{
    private protected override string Section => "§2.4.4";
}
