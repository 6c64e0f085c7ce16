namespace SecEvent.Tokens.Events.Scim;

/// <summary>A SCIM resource was replaced with PUT; <see cref="ScimFullEvent.Data"/> holds the PUT request body (draft-ietf-scim-events-16 §2.4.3).</summary>
/// <remarks>For large groups, PATCH is RECOMMENDED over PUT, whose payloads can be excessive (§5).</remarks>
public sealed record ScimPutFull() : ScimFullEvent(ScimEventTypes.PutFull)
{
    private protected override string Section => "§2.4.3";
}
