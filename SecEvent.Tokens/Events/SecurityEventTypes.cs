namespace SecEvent.Tokens.Events;

/// <summary>Event type URIs (event identifiers, RFC 8417 §1.2) defined by the specifications this library implements.</summary>
public static class SecurityEventTypes
{
    /// <summary>The SSF verification event (OpenID SSF 1.0 §8.1.4.1).</summary>
    public const string SsfVerification = "https://schemas.openid.net/secevent/ssf/event-type/verification";

    /// <summary>The SSF stream-updated event (OpenID SSF 1.0 §8.1.5).</summary>
    public const string SsfStreamUpdated = "https://schemas.openid.net/secevent/ssf/event-type/stream-updated";

    /// <summary>The logout event of OpenID Connect Back-Channel Logout 1.0 §2.4 (note the <c>http</c> scheme).</summary>
    public const string BackChannelLogout = "http://schemas.openid.net/event/backchannel-logout";
}
