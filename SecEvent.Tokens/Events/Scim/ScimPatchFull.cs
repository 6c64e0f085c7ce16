namespace SecEvent.Tokens.Events.Scim;

/// <summary>A SCIM resource was changed with PATCH; <see cref="ScimFullEvent.Data"/> holds the SCIM PatchOp request (draft-ietf-scim-events-16 §2.4.2).</summary>
/// <remarks><see cref="ScimFullEvent.Version"/> is the resource's ETag after the change.</remarks>
public sealed record ScimPatchFull() : ScimFullEvent(ScimEventTypes.PatchFull)
{
    private protected override string Section => "§2.4.2";
}
