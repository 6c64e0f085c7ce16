namespace SecEvent.Tokens;

/// <summary>The rules a Security Event Token is created and validated under.</summary>
public enum SecurityEventProfile
{
    /// <summary>
    /// RFC 8417 alone: <c>iss</c>, <c>iat</c>, <c>jti</c> and a non-empty <c>events</c> object are required;
    /// <c>typ</c>, when present, must be <c>secevent+jwt</c>. Tokens are written with that <c>typ</c>.
    /// </summary>
    Rfc8417,

    /// <summary>
    /// OpenID Shared Signals Framework 1.0 §4 (CAEP, RISC): RFC 8417 plus <c>typ</c> <c>secevent+jwt</c> required,
    /// a valid <c>sub_id</c> required, no <c>sub</c> and no <c>exp</c>.
    /// </summary>
    SharedSignals,

    /// <summary>
    /// OpenID Connect Back-Channel Logout 1.0 §2.4: <c>typ</c> absent, <c>JWT</c> or <c>logout+jwt</c>;
    /// <c>aud</c> and <c>exp</c> required; <c>sub</c> and/or <c>sid</c>; no <c>nonce</c>; the back-channel-logout
    /// event; never unsecured. Tokens are written with <c>typ</c> <c>logout+jwt</c>.
    /// </summary>
    BackChannelLogout,
}
