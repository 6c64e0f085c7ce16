using SecEvent.Tokens.Events;

namespace SecEvent.Tokens.Logout;

/// <summary>
/// The event of an OpenID Connect Back-Channel Logout 1.0 Logout Token: the member
/// <c>http://schemas.openid.net/event/backchannel-logout</c> of its <c>events</c> claim (§2.4), which declares the JWT
/// to be a Logout Token.
/// </summary>
/// <remarks>
/// The payload MUST be a JSON object and SHOULD be the empty object <c>{}</c> (§2.4). The event defines no members;
/// members a sender adds anyway are kept in <see cref="SecurityEvent.AdditionalMembers"/> and written back unchanged.
/// Note the <c>http</c> scheme of the event identifier (<see cref="SecurityEventTypes.BackChannelLogout"/>).
/// </remarks>
public sealed record BackChannelLogoutEvent() : SecurityEvent(SecurityEventTypes.BackChannelLogout);
