using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Tokens.Logout;

/// <summary>
/// What an RP accepts as a Logout Token (OpenID Connect Back-Channel Logout 1.0 §2.6). Mutable while configured;
/// checked on every validation, so one instance can be shared by concurrent validations once set up.
/// </summary>
/// <remarks>
/// The checks are those of ID Tokens (OpenID Connect Core 1.0 §3.1.3.7): the issuer must be one of
/// <see cref="ValidIssuers"/>, every audience value one of <see cref="ValidAudiences"/>, the signature must verify with
/// one of the configured keys and an accepted algorithm, and <c>alg: none</c> is never accepted (§2.6 step 3).
/// </remarks>
public sealed class LogoutTokenValidationParameters
{
    /// <summary>The OP Issuer Identifiers accepted, compared ordinally with <c>iss</c> (§2.6 step 4); at least one is required.</summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> ValidIssuers { get; set; } = [];

    /// <summary>
    /// The RP's <c>client_id</c> values. <c>aud</c> must contain one of them, and, as for ID Tokens, every other audience
    /// value must be one of them too (§2.6 step 4; OpenID Connect Core 1.0 §3.1.3.7 step 3). At least one is required.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> ValidAudiences { get; set; } = [];

    /// <summary>The OP's keys for ID Token signatures, which also sign Logout Tokens (§2.4).</summary>
    /// <value>The default value is an empty list.</value>
    public IList<SecurityKey> SigningKeys { get; set; } = [];

    /// <summary>The OP's JWKS document (its <c>jwks_uri</c>), fetched and cached by the caller.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public JsonWebKeySet? SigningKeySet { get; set; }

    /// <summary>Finds keys at validation time, for example from a cached <c>jwks_uri</c>; its keys join the others.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public SigningKeyResolver? SigningKeyResolver { get; set; }

    /// <summary>
    /// JWS algorithms accepted: the RP's registered <c>id_token_signed_response_alg</c>, or the OP's
    /// <c>id_token_signing_alg_values_supported</c> (§2.6 step 3). <c>none</c> is never accepted, whatever this holds.
    /// When empty, any algorithm that fits one of the keys is accepted.
    /// </summary>
    /// <value>The default value is <c>RS256</c> alone, the ID Token default (§2.6 step 3).</value>
    public IList<string> ValidAlgorithms { get; set; } = ["RS256"];

    /// <summary>Tolerance for clock differences in the <c>exp</c> and <see cref="MaximumTokenAge"/> checks (§2.6 step 4).</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When set, tokens whose <c>iat</c> is older than this, or later than now, are refused. As for ID Tokens, the acceptable
    /// range of <c>iat</c> is the RP's choice (§2.6 step 4; OpenID Connect Core 1.0 §3.1.3.7 step 10).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: <c>iat</c> is required, and <c>exp</c> bounds the token's life.</value>
    public TimeSpan? MaximumTokenAge { get; set; }

    /// <summary>
    /// When set, a token whose (<c>iss</c>, <c>jti</c>) was accepted before is refused (§2.6 step 8, optional). Entries are
    /// kept until <c>exp</c> plus <see cref="ClockSkew"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ISecurityEventReplayCache? ReplayCache { get; set; }

    /// <summary>The RP's private keys for encrypted Logout Tokens (§2.6 step 1: decrypt with the keys negotiated for ID Tokens).</summary>
    /// <value>The default value is an empty list: encrypted Logout Tokens are refused.</value>
    public IList<SecurityKey> DecryptionKeys { get; set; } = [];

    /// <summary>Refuses Logout Tokens that are not encrypted: set it when ID Token encryption was negotiated (§2.6 step 1 SHOULD).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RequireEncryption { get; set; }

    /// <summary>
    /// Requires the explicit type <c>typ: logout+jwt</c> (§2.4, §4.1). Off by default because requiring it would break
    /// existing deployments; turn it on when a deployment profile says so.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: <c>typ</c> may be absent, <c>JWT</c> or <c>logout+jwt</c>.</value>
    public bool RequireExplicitType { get; set; }

    /// <summary>The longest compact token accepted, in characters; longer ones are refused before any parsing.</summary>
    /// <value>The default value is 16,384.</value>
    public int MaximumTokenSize { get; set; } = 16 * 1024;
}
