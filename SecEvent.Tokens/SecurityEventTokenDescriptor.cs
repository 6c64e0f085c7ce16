using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens;

/// <summary>Everything needed to create one Security Event Token (RFC 8417 §2.2).</summary>
/// <remarks>
/// <see cref="SecurityEventTokenHandler.CreateToken"/> fills <c>jti</c> (128 random bits) and <c>iat</c> (from its
/// <see cref="TimeProvider"/>) when they are not set, writes <c>typ</c> for the profile and the key's <c>kid</c>,
/// and writes <c>exp</c> only when set here — or, for logout tokens, which require it, two minutes after <c>iat</c>.
/// </remarks>
public sealed class SecurityEventTokenDescriptor
{
    /// <summary>The profile the token must satisfy; it also decides <c>typ</c>.</summary>
    /// <value>The default value is <see cref="SecurityEventProfile.Rfc8417"/>.</value>
    public SecurityEventProfile Profile { get; set; } = SecurityEventProfile.Rfc8417;

    /// <summary>The issuer, <c>iss</c>; REQUIRED.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience values, <c>aud</c>: written as a string when there is one, an array when several, omitted when none.</summary>
    public IList<string> Audiences { get; set; } = [];

    /// <summary>The events, in order; at least one. Each event type appears at most once (RFC 8417 §2.2).</summary>
    public IList<SecurityEvent> Events { get; set; } = [];

    /// <summary>The unique identifier, <c>jti</c>; a random 128-bit value when not set.</summary>
    public string? JwtId { get; set; }

    /// <summary>The issue time, <c>iat</c>; now when not set.</summary>
    public NumericDate? IssuedAt { get; set; }

    /// <summary>The expiration time, <c>exp</c>; NOT RECOMMENDED for SETs (RFC 8417 §2.2), forbidden by SSF, required for logout tokens.</summary>
    public NumericDate? Expiration { get; set; }

    /// <summary>The time of the event, <c>toe</c> (RFC 8417 §2.2).</summary>
    public NumericDate? TimeOfEvent { get; set; }

    /// <summary>The transaction identifier, <c>txn</c> (RFC 8417 §2.2; SSF 1.0 §4.1.9 SHOULD).</summary>
    public string? TransactionId { get; set; }

    /// <summary>The subject identifier, <c>sub_id</c> (RFC 9493 §4.1; required by SSF).</summary>
    public SubjectIdentifier? SubjectId { get; set; }

    /// <summary>The subject, <c>sub</c> (RFC 7519 §4.1.2; forbidden by SSF).</summary>
    public string? Subject { get; set; }

    /// <summary>
    /// Further claims, such as <c>sid</c>. Values may be <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>,
    /// <see cref="long"/>, <see cref="decimal"/>, <see cref="double"/>, <see cref="JsonElement"/>, a sequence of strings or
    /// <see langword="null"/>. Claims with a property here cannot be set through this dictionary.
    /// </summary>
    public IDictionary<string, object?> AdditionalClaims { get; set; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>
    /// Further JOSE header parameters, with the value types of <see cref="AdditionalClaims"/>. <c>alg</c>, <c>typ</c> and
    /// <c>kid</c> are written by the handler; <c>crit</c>, <c>zip</c>, <c>enc</c> and <c>b64</c> are refused.
    /// </summary>
    public IDictionary<string, object?> AdditionalHeaderParameters { get; set; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>The key and JWS algorithm (a JOSE name such as <c>ES256</c>) to sign with.</summary>
    public SigningCredentials? SigningCredentials { get; set; }

    /// <summary>
    /// When set, the signed SET is encrypted to this recipient key as a Nested JWT (RFC 7519 §5.2; RFC 8417 §5.1,
    /// SET-14). <c>Alg</c> is one of <c>RSA-OAEP-256</c>, <c>RSA-OAEP</c>, <c>ECDH-ES+A256KW</c> or <c>dir</c>; <c>Enc</c> one
    /// of <c>A256GCM</c>, <c>A128GCM</c>, <c>A128CBC-HS256</c> or <c>A256CBC-HS512</c> (<see cref="SecurityEventEncryptionAlgorithms"/>).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the SET is only signed.</value>
    public EncryptingCredentials? EncryptingCredentials { get; set; }

    /// <summary>
    /// Creates an Unsecured JWS (<c>alg: none</c>) instead of signing. Only for transports that give integrity and
    /// issuer authenticity themselves (RFC 8417 §2.4, §5.1); refused for logout tokens and with <see cref="SigningCredentials"/>.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Unsecured { get; set; }

    /// <summary>
    /// A descriptor that writes the claims of a validated token again: every claim, event and header parameter
    /// except <c>alg</c>, <c>typ</c> and <c>kid</c>, which come from the new signing key and profile.
    /// </summary>
    /// <param name="token">The token to copy.</param>
    /// <returns>A new descriptor; set <see cref="Profile"/> and <see cref="SigningCredentials"/> before creating a token.</returns>
    /// <remarks>
    /// The claims written are the same JSON values with one normalisation: a one-element <c>aud</c> array is
    /// written as a string, which RFC 7519 §4.1.3 defines as equivalent.
    /// </remarks>
    public static SecurityEventTokenDescriptor FromToken(SecurityEventToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var descriptor = new SecurityEventTokenDescriptor
        {
            Issuer = token.Issuer,
            Audiences = [.. token.Audiences],
            Events = [.. token.Events],
            JwtId = token.JwtId,
            IssuedAt = token.IssuedAt,
            Expiration = token.Expiration,
            TimeOfEvent = token.TimeOfEvent,
            TransactionId = token.TransactionId,
            SubjectId = token.SubjectId,
            Subject = token.Subject,
        };

        foreach (var claim in token.Payload.EnumerateObject())
        {
            if (!Creation.ReservedNames.IsTypedClaim(claim.Name))
            {
                descriptor.AdditionalClaims[claim.Name] = claim.Value;
            }
        }

        foreach (var parameter in token.Header.EnumerateObject())
        {
            if (parameter.Name is not ("alg" or "typ" or "kid"))
            {
                descriptor.AdditionalHeaderParameters[parameter.Name] = parameter.Value;
            }
        }

        return descriptor;
    }
}
