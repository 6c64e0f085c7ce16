using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Tokens.Jose;

/// <summary>Decides whether a key may be used with an algorithm: family, curve, size and the JWK's own limits.</summary>
internal static class SigningKeyFit
{
    /// <summary>Returns <see langword="null"/> when the key fits; otherwise why not.</summary>
    public static string? Check(SecurityKey key, JoseAlgorithm algorithm, bool forSigning)
    {
        if (key is JsonWebKey jwk && CheckJsonWebKeyLimits(jwk, algorithm, forSigning) is { } limit)
        {
            return limit;
        }

        return Describe(key) switch
        {
            null => $"The key type {key.GetType().Name} is not supported.",
            var (family, _, _) when family != algorithm.Family => $"The key cannot be used with {algorithm.Name}.",
            (JoseKeyFamily.Rsa, var bits, _) when bits < JoseAlgorithm.MinimumRsaKeySizeInBits =>
                $"RSA keys must have at least {JoseAlgorithm.MinimumRsaKeySizeInBits} bits (RFC 7518 §3.3).",
            (JoseKeyFamily.EllipticCurve, _, var curve) when curve != algorithm.Curve =>
                $"{algorithm.Name} needs a key on curve {algorithm.Curve} (RFC 7518 §3.4).",
            (JoseKeyFamily.Symmetric, var bits, _) when bits < algorithm.HashBytes * 8 =>
                $"{algorithm.Name} needs a key of at least {algorithm.HashBytes * 8} bits (RFC 7518 §3.2).",
            _ => null,
        };
    }

    private static string? CheckJsonWebKeyLimits(JsonWebKey jwk, JoseAlgorithm algorithm, bool forSigning)
    {
        if (!string.IsNullOrEmpty(jwk.Alg) && !string.Equals(jwk.Alg, algorithm.Name, StringComparison.Ordinal))
        {
            return $"The key is restricted to another algorithm by its 'alg' (RFC 7517 §4.4).";
        }

        if (!string.IsNullOrEmpty(jwk.Use) && !string.Equals(jwk.Use, JsonWebKeyUseNames.Sig, StringComparison.Ordinal))
        {
            return "The key's 'use' is not 'sig' (RFC 7517 §4.2).";
        }

        var operation = forSigning ? "sign" : "verify";
        if (jwk.KeyOps.Count > 0 && !jwk.KeyOps.Contains(operation))
        {
            return $"The key's 'key_ops' does not allow '{operation}' (RFC 7517 §4.3).";
        }

        return null;
    }

    private static (JoseKeyFamily Family, int Bits, string? Curve)? Describe(SecurityKey key) => key switch
    {
        // KeySize, not Key.Length: the Key property returns a fresh copy of the secret.
        SymmetricSecurityKey symmetric => (JoseKeyFamily.Symmetric, symmetric.KeySize, null),
        RsaSecurityKey rsa => (JoseKeyFamily.Rsa, rsa.KeySize, null),
        ECDsaSecurityKey ec => (JoseKeyFamily.EllipticCurve, ec.KeySize, CurveOfSize(ec.KeySize)),
        X509SecurityKey x509 => x509.PublicKey switch
        {
            RSA rsa => (JoseKeyFamily.Rsa, rsa.KeySize, null),
            ECDsa ec => (JoseKeyFamily.EllipticCurve, ec.KeySize, CurveOfSize(ec.KeySize)),
            _ => null,
        },
        JsonWebKey jwk => jwk.Kty switch
        {
            JsonWebAlgorithmsKeyTypes.RSA => (JoseKeyFamily.Rsa, jwk.KeySize, null),
            JsonWebAlgorithmsKeyTypes.EllipticCurve => (JoseKeyFamily.EllipticCurve, jwk.KeySize, jwk.Crv),
            JsonWebAlgorithmsKeyTypes.Octet => (JoseKeyFamily.Symmetric, jwk.KeySize, null),
            _ => null,
        },
        _ => null,
    };

    private static string? CurveOfSize(int bits) => bits switch
    {
        256 => "P-256",
        384 => "P-384",
        521 => "P-521",
        _ => null,
    };
}
