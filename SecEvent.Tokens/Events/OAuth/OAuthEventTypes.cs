namespace SecEvent.Tokens.Events.OAuth;

/// <summary>
/// The event type URIs of OpenID "OAuth Event Types 1.0" (draft of April 2018, §3), which Google's Cross-Account
/// Protection deploys for revoked tokens.
/// </summary>
/// <remarks>
/// The draft was never finished and predates RFC 9493: its subjects sit inside the event and use <c>subject_type</c>. Such
/// SETs have no <c>sub_id</c>, so they are valid under <see cref="SecurityEventProfile.Rfc8417"/> but not under
/// <see cref="SecurityEventProfile.SharedSignals"/>.
/// </remarks>
public static class OAuthEventTypes
{
    /// <summary>The common prefix of every OAuth event type.</summary>
    public const string Prefix = "https://schemas.openid.net/secevent/oauth/event-type/";

    /// <summary>A token was issued (§3.1).</summary>
    public const string TokenIssued = Prefix + "token-issued";

    /// <summary>A token was revoked (§3.2), for example through an RFC 7009 revocation request.</summary>
    public const string TokenRevoked = Prefix + "token-revoked";

    /// <summary>Every token of a subject was revoked (§3.3).</summary>
    public const string TokensRevoked = Prefix + "tokens-revoked";

    /// <summary>A client was disabled (§3.4).</summary>
    public const string ClientDisabled = Prefix + "client-disabled";

    /// <summary>A client was enabled again (§3.5).</summary>
    public const string ClientEnabled = Prefix + "client-enabled";

    /// <summary>A client's credentials changed (§3.6).</summary>
    public const string ClientCredentialChanged = Prefix + "client-credential-changed";
}
