namespace SecEvent.Tokens.Events.Caep;

/// <summary>
/// A session of the subject was revoked (OpenID CAEP 1.0 §3.1). The event has no members of its own beyond the
/// common ones of <see cref="CaepEvent"/>.
/// </summary>
/// <remarks>
/// A complex <c>sub_id</c> (user + device + tenant, say) revokes every session that matches the combination.
/// </remarks>
public sealed record CaepSessionRevoked() : CaepEvent(CaepEventTypes.SessionRevoked);
