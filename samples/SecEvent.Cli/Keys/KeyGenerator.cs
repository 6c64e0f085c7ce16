using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens;

namespace SecEvent.Cli.Keys;

/// <summary>Creates a fresh private key, as a JWK: a signing key for a JWS algorithm, or an encryption key for a JWE one.</summary>
internal static class KeyGenerator
{
    /// <summary>RFC 7518 §3.3: RSA keys of 2048 bits or more.</summary>
    public const int MinimumRsaBits = 2048;

    /// <summary>The largest RSA key the library signs with (its signature buffer holds 1024 bytes).</summary>
    public const int MaximumRsaBits = 8192;

    /// <summary>The curves <c>ECDH-ES+A256KW</c> keys are made on (RFC 7518 §6.2.1.1); the first is the default.</summary>
    public static readonly string[] EncryptionCurves = ["P-256", "P-384"];

    /// <summary>Generates a key with <c>alg</c>, <c>use</c> (<c>sig</c> or <c>enc</c>) and <c>kid</c> set.</summary>
    /// <param name="algorithm">One of <see cref="CliOptions.Algorithms"/> or <see cref="CliOptions.KeyManagementAlgorithms"/>.</param>
    /// <param name="rsaBits">The RSA modulus size; ignored for other algorithms.</param>
    /// <param name="curve">The curve of an <c>ECDH-ES+A256KW</c> key, one of <see cref="EncryptionCurves"/>; ignored for other algorithms.</param>
    /// <param name="keyId">The <c>kid</c>; the RFC 7638 thumbprint when <see langword="null"/>.</param>
    public static JsonWebKey Generate(string algorithm, int rsaBits, string curve, string? keyId)
    {
        var encryption = CliOptions.IsKeyManagementAlgorithm(algorithm);
        var jwk = algorithm switch
        {
            SecurityEventEncryptionAlgorithms.EcdhEsA256KW => FromEcdsa(curve == "P-384" ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256),
            _ when encryption => FromRsa(rsaBits),
            _ => algorithm[..2] switch
            {
                "ES" => FromEcdsa(SigningCurve(algorithm)),
                "HS" => FromSecret(algorithm),
                _ => FromRsa(rsaBits),
            },
        };

        jwk.Alg = algorithm;

        // RFC 7517 §4.2: one key, one purpose; the library refuses to sign with an "enc" key or decrypt with a "sig" one.
        jwk.Use = encryption ? JsonWebKeyUseNames.Enc : JsonWebKeyUseNames.Sig;

        // RFC 7638 hashes only the required members (kty and the public key, or k), so alg and use do not change it.
        jwk.Kid = keyId ?? Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
        return jwk;
    }

    private static ECCurve SigningCurve(string algorithm) => algorithm switch
    {
        "ES256" => ECCurve.NamedCurves.nistP256,
        "ES384" => ECCurve.NamedCurves.nistP384,
        _ => ECCurve.NamedCurves.nistP521,
    };

    private static JsonWebKey FromEcdsa(ECCurve curve)
    {
        // An EC key pair is the same for ECDSA and ECDH (RFC 7518 §6.2); ECDsa is the type the JWK converter takes.
        // The converter copies the parameters out as base64url strings, so the key object can go at once.
        using var ecdsa = ECDsa.Create(curve);
        return JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ecdsa));
    }

    private static JsonWebKey FromRsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        return JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa));
    }

    private static JsonWebKey FromSecret(string algorithm)
    {
        // RFC 7518 §3.2: a key as long as the hash output (32, 48 or 64 bytes), from the OS's CSPRNG.
        var bytes = int.Parse(algorithm.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture) / 8;
        var secret = RandomNumberGenerator.GetBytes(bytes);
        try
        {
            return JsonWebKeyConverter.ConvertFromSymmetricSecurityKey(new SymmetricSecurityKey(secret));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
