using System.Collections.Frozen;

namespace SecEvent.Tokens.Jose;

/// <summary>The JWS algorithms this library signs and verifies with (RFC 7518 §3.1), with what their keys must be.</summary>
internal sealed record JoseAlgorithm(string Name, JoseKeyFamily Family, int HashBytes, string? Curve)
{
    /// <summary>The <c>none</c> algorithm of an Unsecured JWS (RFC 7518 §3.6).</summary>
    public const string None = "none";

    /// <summary>RFC 7518 §3.3 and §3.5: RSA keys of 2048 bits or more MUST be used.</summary>
    public const int MinimumRsaKeySizeInBits = 2048;

    private static readonly FrozenDictionary<string, JoseAlgorithm> Known = new JoseAlgorithm[]
    {
        new("RS256", JoseKeyFamily.Rsa, 32, null),
        new("RS384", JoseKeyFamily.Rsa, 48, null),
        new("RS512", JoseKeyFamily.Rsa, 64, null),
        new("PS256", JoseKeyFamily.Rsa, 32, null),
        new("PS384", JoseKeyFamily.Rsa, 48, null),
        new("PS512", JoseKeyFamily.Rsa, 64, null),
        new("ES256", JoseKeyFamily.EllipticCurve, 32, "P-256"),
        new("ES384", JoseKeyFamily.EllipticCurve, 48, "P-384"),
        new("ES512", JoseKeyFamily.EllipticCurve, 64, "P-521"),
        new("HS256", JoseKeyFamily.Symmetric, 32, null),
        new("HS384", JoseKeyFamily.Symmetric, 48, null),
        new("HS512", JoseKeyFamily.Symmetric, 64, null),
    }.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>Every supported algorithm name.</summary>
    public static IEnumerable<string> Names => Known.Keys;

    /// <summary>Looks up a supported algorithm; names are case-sensitive (RFC 7515 §4.1.1).</summary>
    public static JoseAlgorithm? Find(string name) => Known.GetValueOrDefault(name);
}
