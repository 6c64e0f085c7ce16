namespace SecEvent.Tokens.Events.Scim;

/// <summary>Event type URIs of the SCIM profile for Security Event Tokens (draft-ietf-scim-events-16).</summary>
/// <remarks>
/// draft-ietf-scim-events-16 §2 and §7.3: every SCIM event URI starts with <see cref="Prefix"/> and continues with the
/// sub-namespace <c>feed</c> (feed control, §2.3), <c>prov</c> (provisioning, §2.4) or <c>misc</c> (miscellaneous, §2.5).
/// A provisioning event that carries <c>data</c> uses the URI ending in <c>:full</c>, otherwise the one ending in
/// <c>:notice</c> (§2.4).
/// </remarks>
public static class ScimEventTypes
{
    /// <summary>The prefix of every SCIM event URI, <c>urn:ietf:params:scim:event:</c>.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2 and §7.3 (<c>urn:ietf:params:scim:event:{class}:{name}:{other}</c>).</remarks>
    public const string Prefix = "urn:ietf:params:scim:event:";

    /// <summary>A resource was added to the event feed; it need not be new.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.3.1.</remarks>
    public const string FeedAdd = "urn:ietf:params:scim:event:feed:add";

    /// <summary>A resource was removed from the event feed; it need not be deleted or deactivated.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.3.2.</remarks>
    public const string FeedRemove = "urn:ietf:params:scim:event:feed:remove";

    /// <summary>A resource was created; the payload lists the created attributes in <c>attributes</c>.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.4.1.</remarks>
    public const string CreateNotice = "urn:ietf:params:scim:event:prov:create:notice";

    /// <summary>A resource was created; the payload holds its final representation in <c>data</c>.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.4.1.</remarks>
    public const string CreateFull = "urn:ietf:params:scim:event:prov:create:full";

    /// <summary>A resource was changed with SCIM PATCH; the payload lists the changed attributes in <c>attributes</c>.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.4.2.</remarks>
    public const string PatchNotice = "urn:ietf:params:scim:event:prov:patch:notice";

    /// <summary>A resource was changed with SCIM PATCH; the payload holds the PATCH request in <c>data</c>.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.4.2.</remarks>
    public const string PatchFull = "urn:ietf:params:scim:event:prov:patch:full";

    /// <summary>A resource was replaced with SCIM PUT; the payload lists the changed attributes in <c>attributes</c>.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.4.3.</remarks>
    public const string PutNotice = "urn:ietf:params:scim:event:prov:put:notice";

    /// <summary>A resource was replaced with SCIM PUT; the payload holds the PUT request body in <c>data</c>.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.4.3.</remarks>
    public const string PutFull = "urn:ietf:params:scim:event:prov:put:full";

    /// <summary>A resource was deleted, and so also left the feed; no <c>:full</c> or <c>:notice</c> suffix.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.4.4: no <c>feed:remove</c> is sent as well.</remarks>
    public const string Delete = "urn:ietf:params:scim:event:prov:delete";

    /// <summary>A resource (such as a User) was activated: ready for use as the parties agreed.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.4.5.</remarks>
    public const string Activate = "urn:ietf:params:scim:event:prov:activate";

    /// <summary>A resource (such as a User) was deactivated and disabled; the exact meaning SHOULD be agreed.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.4.6.</remarks>
    public const string Deactivate = "urn:ietf:params:scim:event:prov:deactivate";

    /// <summary>An asynchronous SCIM request completed; the payload is one SCIM bulk response operation.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.5.1.3.</remarks>
    public const string AsyncResponse = "urn:ietf:params:scim:event:misc:asyncresp";
}
