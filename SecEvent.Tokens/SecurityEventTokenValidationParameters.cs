using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Tokens;

/// <summary>
/// Everything a receiver decides about which Security Event Tokens it accepts. Mutable while configured;
/// checked on every validation, so one instance can be shared by concurrent validations once set up.
/// </summary>
/// <remarks>
/// Defaults are strict: the issuer and audience are checked (configure <see cref="ValidIssuers"/> and
/// <see cref="ValidAudiences"/>, or switch the check off explicitly), <c>alg: none</c> is refused, and keys come
/// only from here — never from the token's <c>jwk</c>, <c>jku</c>, <c>x5u</c> or <c>x5c</c> header parameters.
/// </remarks>
public sealed class SecurityEventTokenValidationParameters
{
    /// <summary>The profile the token must satisfy.</summary>
    /// <value>The default value is <see cref="SecurityEventProfile.Rfc8417"/>.</value>
    public SecurityEventProfile Profile { get; set; } = SecurityEventProfile.Rfc8417;

    /// <summary>Issuers accepted, compared ordinally with <c>iss</c> (RFC 8935 §2, PUSH-01).</summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> ValidIssuers { get; set; } = [];

    /// <summary>Whether <c>iss</c> is checked against <see cref="ValidIssuers"/>; a failure is <c>invalid_issuer</c>.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ValidateIssuer { get; set; } = true;

    /// <summary>Audience values that identify this receiver, compared ordinally with <c>aud</c> (RFC 8935 §2, PUSH-01).</summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> ValidAudiences { get; set; } = [];

    /// <summary>
    /// Whether <c>aud</c> must be present and contain one of <see cref="ValidAudiences"/>; a failure is
    /// <c>invalid_audience</c>.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ValidateAudience { get; set; } = true;

    /// <summary>Keys that may have signed the token.</summary>
    /// <value>The default value is an empty list.</value>
    public IList<SecurityKey> SigningKeys { get; set; } = [];

    /// <summary>
    /// A JWKS document of keys that may have signed the token. Every key is used, <c>oct</c> keys included,
    /// within the limits of its own <c>alg</c>, <c>use</c> and <c>key_ops</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public JsonWebKeySet? SigningKeySet { get; set; }

    /// <summary>Finds keys at validation time, for example from a cached JWKS URL; its keys join the others.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public SigningKeyResolver? SigningKeyResolver { get; set; }

    /// <summary>
    /// JWS algorithms accepted. When empty, any algorithm that fits one of the keys is accepted (RS*, PS* for
    /// RSA keys of 2048 bits or more; ES256/384/512 by curve; HS* for long enough symmetric keys).
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> ValidAlgorithms { get; set; } = [];

    /// <summary>
    /// The receiver's private keys for encrypted SETs (a JWE around the signed SET, RFC 7519 §5.2): RSA keys for
    /// <c>RSA-OAEP</c>/<c>RSA-OAEP-256</c>, EC keys for <c>ECDH-ES+A256KW</c>, a symmetric key for <c>dir</c>. A key whose
    /// <c>kid</c> the token names is used; otherwise each key of the right kind is tried.
    /// </summary>
    /// <value>The default value is an empty list: encrypted SETs are refused with <c>invalid_key</c>.</value>
    public IList<SecurityKey> DecryptionKeys { get; set; } = [];

    /// <summary>Refuses SETs that are not encrypted, with <c>invalid_request</c> (RFC 8417 §5.1, SET-14: SETs carrying personal data).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RequireEncryption { get; set; }

    /// <summary>JWE key management algorithms accepted; when empty, every one of <see cref="SecurityEventEncryptionAlgorithms"/>.</summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> ValidKeyManagementAlgorithms { get; set; } = [];

    /// <summary>JWE content encryption algorithms accepted; when empty, every one of <see cref="SecurityEventEncryptionAlgorithms"/>.</summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> ValidContentEncryptionAlgorithms { get; set; } = [];

    /// <summary>
    /// Accepts Unsecured JWS (<c>alg: none</c>, RFC 7519 §6). Only for deployments where TLS or another mechanism
    /// gives integrity and issuer authenticity (RFC 8417 §2.4, §5.1, SET-12). Never honoured for logout tokens.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowUnsecuredTokens { get; set; }

    /// <summary>Tolerance for clock differences in <c>exp</c>, <c>nbf</c> and <see cref="MaximumTokenAge"/> checks.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When set, tokens whose <c>iat</c> is older than this, or later than now, are refused. RFC 8417 leaves
    /// freshness to the profile, so by default <c>iat</c> is only required, not judged.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? MaximumTokenAge { get; set; }

    /// <summary>The longest compact token accepted, in characters; longer ones are refused before any parsing.</summary>
    /// <value>The default value is 262,144 (256 KiB).</value>
    public int MaximumTokenSize { get; set; } = 256 * 1024;

    /// <summary>The deepest JSON nesting accepted in the header and the claims set.</summary>
    /// <value>The default value is 32.</value>
    public int MaximumJsonDepth { get; set; } = 32;

    /// <summary>
    /// When set, a token whose (<c>iss</c>, <c>jti</c>) was accepted before is refused with <c>invalid_request</c>.
    /// Push receivers usually deduplicate instead, answering a repeat as the first time (RFC 8935 §2, PUSH-04).
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ISecurityEventReplayCache? ReplayCache { get; set; }

    /// <summary>
    /// Throws when these parameters could accept no token at all: a check switched on with nothing to check against, or
    /// a limit out of range. Validation calls it every time; a receiver calls it once at construction, so that a
    /// misconfiguration fails at start-up instead of on every request.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="ValidateIssuer"/> or <see cref="ValidateAudience"/> is on with nothing to compare against.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size, depth or clock skew limit is out of range.</exception>
    public void EnsureUsable()
    {
        if (ValidateIssuer && ValidIssuers.Count == 0)
        {
            throw new InvalidOperationException("ValidateIssuer is on but ValidIssuers is empty: configure the accepted issuers or set ValidateIssuer to false.");
        }

        if (ValidateAudience && ValidAudiences.Count == 0)
        {
            throw new InvalidOperationException("ValidateAudience is on but ValidAudiences is empty: configure this receiver's audience values or set ValidateAudience to false.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaximumTokenSize, 1, nameof(MaximumTokenSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaximumJsonDepth, 1, nameof(MaximumJsonDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(ClockSkew, TimeSpan.Zero, nameof(ClockSkew));
    }
}
