using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Tokens.Logout;

/// <summary>Everything an OP needs to create one Logout Token (OpenID Connect Back-Channel Logout 1.0 §2.4).</summary>
/// <remarks>
/// <see cref="LogoutTokenHandler.CreateToken"/> fills <c>jti</c> (128 random bits) and <c>iat</c> (from its
/// <see cref="TimeProvider"/>) when they are not set, writes <c>exp</c> = <c>iat</c> + <see cref="Lifetime"/> unless
/// <see cref="Expiration"/> is set, writes the <c>events</c> claim and the <c>typ</c> header <c>logout+jwt</c>, and never
/// writes <c>nonce</c>.
/// </remarks>
public sealed class LogoutTokenDescriptor
{
    private TimeSpan _lifetime = TimeSpan.FromMinutes(2);

    /// <summary>The Issuer Identifier of the OP, <c>iss</c>; REQUIRED (§2.4).</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience, <c>aud</c>: the RP's <c>client_id</c>; at least one value is REQUIRED (§2.4).</summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> Audiences { get; set; } = [];

    /// <summary>
    /// The subject, <c>sub</c>: the End-User's locally unique identifier at the issuer (§2.4). OPTIONAL, but a Logout Token
    /// MUST carry <see cref="Subject"/>, <see cref="SessionId"/> or both.
    /// </summary>
    public string? Subject { get; set; }

    /// <summary>
    /// The session identifier, <c>sid</c> (§2.4; defined in §2.1 and OpenID Connect Front-Channel Logout 1.0 §3). OPTIONAL,
    /// but a Logout Token MUST carry <see cref="Subject"/>, <see cref="SessionId"/> or both. An OP that sends <c>sid</c> here
    /// also puts it in its ID Tokens (§2.1).
    /// </summary>
    public string? SessionId { get; set; }

    /// <summary>The unique identifier, <c>jti</c> (§2.4); a random 128-bit value when not set.</summary>
    public string? JwtId { get; set; }

    /// <summary>The issue time, <c>iat</c> (§2.4); now when not set.</summary>
    public NumericDate? IssuedAt { get; set; }

    /// <summary>
    /// How long the token is valid: <c>exp</c> is <c>iat</c> plus this, unless <see cref="Expiration"/> is set.
    /// Back-Channel Logout 1.0 §4 recommends a short lifetime, preferably at most two minutes.
    /// </summary>
    /// <value>The default value is two minutes.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan Lifetime
    {
        get => _lifetime;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _lifetime = value;
        }
    }

    /// <summary>The expiration time, <c>exp</c> (§2.4, REQUIRED in the token); when set, it replaces <see cref="Lifetime"/>.</summary>
    public NumericDate? Expiration { get; set; }

    /// <summary>
    /// The payload of the back-channel-logout event; the empty object <c>{}</c> the specification recommends when not set (§2.4).
    /// </summary>
    public BackChannelLogoutEvent? Event { get; set; }

    /// <summary>
    /// The key and JWS algorithm to sign with: the keys and algorithm the OP uses for ID Tokens (§2.4). REQUIRED: Logout Tokens
    /// MUST be signed.
    /// </summary>
    public SigningCredentials? SigningCredentials { get; set; }

    /// <summary>
    /// When set, the signed Logout Token is encrypted to the RP (Back-Channel Logout 1.0 §2.4: MAY, with the keys and
    /// algorithms negotiated for ID Tokens); the JWE header repeats <c>iss</c>. See <see cref="SecurityEventEncryptionAlgorithms"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: signed only.</value>
    public EncryptingCredentials? EncryptingCredentials { get; set; }

    /// <summary>
    /// Further claims, with the value types of <see cref="SecurityEventTokenDescriptor.AdditionalClaims"/>. Claims with a
    /// property here cannot be set through this dictionary, and <c>nonce</c> is refused (§2.4).
    /// </summary>
    public IDictionary<string, object?> AdditionalClaims { get; set; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
