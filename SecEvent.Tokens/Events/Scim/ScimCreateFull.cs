namespace SecEvent.Tokens.Events.Scim;

/// <summary>A SCIM resource was created; <see cref="ScimFullEvent.Data"/> holds its final representation at the service provider, including the assigned <c>id</c> (draft-ietf-scim-events-16 §2.4.1).</summary>
/// <remarks>Because the event may be used for replication, the <c>id</c> the service provider assigned is shared so that every replica MAY use the same identifier.</remarks>
public sealed record ScimCreateFull() : ScimFullEvent(ScimEventTypes.CreateFull)
{
    private protected override string Section => "§2.4.1";
}
