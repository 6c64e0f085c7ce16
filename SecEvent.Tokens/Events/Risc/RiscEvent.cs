using System.Text.Json.Serialization;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Events.Risc;

/// <summary>
/// The base of the RISC events (OpenID RISC Profile 1.0 §2). The subject travels in the SET's <c>sub_id</c>
/// (RISC 1.0 §4 asks for the SSF profile); <see cref="Subject"/> reads the older dialect in which it sat in the event.
/// </summary>
public abstract record RiscEvent : SecurityEvent
{
    /// <summary>Creates an event of the given RISC type.</summary>
    /// <param name="eventType">One of <see cref="RiscEventTypes"/>.</param>
    protected RiscEvent(string eventType)
        : base(eventType)
    {
    }

    /// <summary>
    /// The subject given inside the event, as Google's Cross-Account Protection sends it (<c>subject</c> with the
    /// deprecated <c>subject_type</c>); <see langword="null"/> in current RISC, where the SET's <c>sub_id</c> names it.
    /// </summary>
    /// <remarks>
    /// RISC 1.0 §3.1 (RISC-05): new services MUST NOT use <c>subject_type</c>; receivers that interoperate with Google may
    /// need to read it. Read from <c>subject_type</c> or <c>format</c>; written with <c>subject_type</c> and the old
    /// format names (<c>iss-sub</c>, <c>phone</c>), the dialect of the receivers that expect this member. Leave it
    /// unset in new SETs.
    /// </remarks>
    [JsonPropertyName("subject")]
    [JsonConverter(typeof(LegacySubjectJsonConverter))]
    public SubjectIdentifier? Subject { get; init; }

    /// <summary>The subject the event is about: <see cref="Subject"/> when the event carries one, else the SET's <c>sub_id</c>.</summary>
    /// <param name="context">The SET that carries the event.</param>
    private protected SubjectIdentifier? SubjectIn(SecurityEventContext context) => Subject ?? context.SubjectId;
}
