namespace SecEvent.Tokens.Events.Scim;

/// <summary>A SCIM resource was replaced with PUT; <see cref="ScimNoticeEvent.Attributes"/> names the changed attributes (draft-ietf-scim-events-16 §2.4.3).</summary>
/// <remarks>The receiver MAY read the values with a SCIM GET on the resource the <c>sub_id</c> names.</remarks>
public sealed record ScimPutNotice() : ScimNoticeEvent(ScimEventTypes.PutNotice)
{
    private protected override string Section => "§2.4.3";
}
