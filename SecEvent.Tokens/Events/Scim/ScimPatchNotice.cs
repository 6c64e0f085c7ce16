namespace SecEvent.Tokens.Events.Scim;

/// <summary>A SCIM resource was changed with PATCH; <see cref="ScimNoticeEvent.Attributes"/> names the changed attributes (draft-ietf-scim-events-16 §2.4.2).</summary>
/// <remarks><see cref="ScimNoticeEvent.Version"/> is the resource's ETag after the change.</remarks>
public sealed record ScimPatchNotice() : ScimNoticeEvent(ScimEventTypes.PatchNotice)
{
    private protected override string Section => "§2.4.2";
}
