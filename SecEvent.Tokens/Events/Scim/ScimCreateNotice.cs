namespace SecEvent.Tokens.Events.Scim;

/// <summary>A SCIM resource was created; <see cref="ScimNoticeEvent.Attributes"/> names the created attributes without their values (draft-ietf-scim-events-16 §2.4.1).</summary>
/// <remarks>The receiver MAY read the values with a SCIM GET on the resource the <c>sub_id</c> names.</remarks>
public sealed record ScimCreateNotice() : ScimNoticeEvent(ScimEventTypes.CreateNotice)
{
    private protected override string Section => "§2.4.1";
}
