using System.Globalization;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Events.Scim;

/// <summary>
/// An event of the SCIM profile for Security Event Tokens (draft-ietf-scim-events-16): the rules every SCIM event
/// shares. The concrete events are the sealed records of this namespace.
/// </summary>
/// <remarks>
/// <para>
/// Every SCIM event is checked against the SET that carries it (draft-ietf-scim-events-16 §2.1): the SET MUST name its
/// subject with a top-level <c>sub_id</c> claim of format <c>scim</c> (see <see cref="ScimSubjectIdentifier"/>), MUST
/// NOT carry the JWT <c>sub</c> claim, and the payload MUST NOT hold a <c>sub_id</c> of its own.
/// </para>
/// <para>
/// §2.2 and §2.4: the payload member <c>data</c> belongs only to URIs ending in <c>:full</c>, and <c>attributes</c> only
/// to URIs ending in <c>:notice</c>; exactly one of them is present there. Any other SCIM event carrying either member is
/// refused. Members a record does not declare are otherwise kept in <see cref="SecurityEvent.AdditionalMembers"/>.
/// </para>
/// </remarks>
public abstract record ScimEvent : SecurityEvent
{
    /// <summary>The draft every message cites.</summary>
    private protected const string Draft = "draft-ietf-scim-events-16";

    private protected const string DataMember = "data";
    private protected const string AttributesMember = "attributes";

    private const string SubjectIdMember = "sub_id";

    // Only this assembly derives: each event has its own source-generated metadata and registration.
    private protected ScimEvent(string eventType)
        : base(eventType)
    {
    }

    /// <summary>The event's name for messages: its URI after <see cref="ScimEventTypes.Prefix"/>, such as <c>prov:delete</c>.</summary>
    private protected string Name => EventType[ScimEventTypes.Prefix.Length..];

    /// <summary>The section of the draft that defines the event, such as <c>§2.4.4</c>.</summary>
    private protected abstract string Section { get; }

    /// <summary>Whether the URI ends in <c>:full</c>, the only form that carries <c>data</c> (§2.4).</summary>
    private protected virtual bool CarriesData => false;

    /// <summary>Whether the URI ends in <c>:notice</c>, the only form that carries <c>attributes</c> (§2.4).</summary>
    private protected virtual bool CarriesAttributes => false;

    /// <inheritdoc />
    /// <remarks>
    /// Checks, in order: the SET's subject (draft-ietf-scim-events-16 §2.1), the <c>data</c>/<c>attributes</c> rule
    /// (§2.4), then the event's own members.
    /// </remarks>
    protected internal sealed override string? Validate(SecurityEventContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CheckSubject(context) ?? CheckPayloadForm() ?? ValidatePayload(context);
    }

    /// <summary>The rules of the event's own members; <see langword="null"/> when they hold.</summary>
    private protected virtual string? ValidatePayload(SecurityEventContext context) => null;

    /// <summary>A message naming the event, the problem and the section: "The prov:delete event … (draft … §2.4.4)."</summary>
    private protected string Problem(string problem, string? section = null) =>
        string.Create(CultureInfo.InvariantCulture, $"The SCIM {Name} event {problem} ({Draft} {section ?? Section}).");

    private protected bool HasAdditionalMember(string name) => AdditionalMembers?.ContainsKey(name) == true;

    private string? CheckSubject(SecurityEventContext context)
    {
        if (context.Subject is not null)
        {
            return Problem("must not be carried by a SET with the JWT 'sub' claim; identify the subject with 'sub_id'", "§2.1");
        }

        if (context.SubjectId is not ScimSubjectIdentifier)
        {
            return Problem("needs the SET's top-level 'sub_id' claim, of format 'scim'", "§2.1");
        }

        return HasAdditionalMember(SubjectIdMember)
            ? Problem("must not hold 'sub_id' in its payload; 'sub_id' is a top-level claim", "§2.1")
            : null;
    }

    private string? CheckPayloadForm()
    {
        if (!CarriesData && HasAdditionalMember(DataMember))
        {
            return CarriesAttributes
                ? Problem("must not carry both 'attributes' and 'data'", "§2.4")
                : Problem("must not carry 'data': only an event URI ending in ':full' does", "§2.4");
        }

        if (!CarriesAttributes && HasAdditionalMember(AttributesMember))
        {
            return CarriesData
                ? Problem("must not carry both 'data' and 'attributes'", "§2.4")
                : Problem("must not carry 'attributes': only an event URI ending in ':notice' does", "§2.4");
        }

        return null;
    }
}
