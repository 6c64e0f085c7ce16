using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Validation;

namespace SecEvent.Tokens.Events;

/// <summary>
/// The Security Event Token that carries an event, as the event's own rules see it: some event types constrain the
/// SET around them (the subject format of RISC <c>identifier-changed</c>, the <c>txn</c> of a SCIM asynchronous
/// response), and those rules run when a token is created and when one is validated.
/// </summary>
public sealed class SecurityEventContext
{
    private readonly TokenClaims _claims;

    internal SecurityEventContext(SecurityEventProfile profile, TokenClaims claims)
    {
        Profile = profile;
        _claims = claims;
    }

    /// <summary>The profile the token is created or validated under.</summary>
    public SecurityEventProfile Profile { get; }

    /// <summary>The SET's <c>iss</c> claim.</summary>
    public string? Issuer => _claims.Issuer;

    /// <summary>The SET's <c>sub</c> claim, when present.</summary>
    public string? Subject => _claims.Subject;

    /// <summary>The SET's <c>sub_id</c> claim (RFC 9493 §4), when present.</summary>
    public SubjectIdentifier? SubjectId => _claims.SubjectId;

    /// <summary>The SET's <c>txn</c> claim (RFC 8417 §2.2), when present.</summary>
    public string? TransactionId => _claims.TransactionId;

    /// <summary>The event identifiers of every event in the SET, in order.</summary>
    public IReadOnlyList<string> EventTypes => _claims.EventTypes ?? [];
}
