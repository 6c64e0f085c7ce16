using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Tokens.Encryption;

/// <summary>
/// The raw key material behind a <see cref="SecurityKey"/> for JWE: RSA parameters, EC parameters or symmetric bytes.
/// Made per use, because the crypto objects it creates are disposable and not thread-safe.
/// </summary>
internal static class EncryptionKey
{
    public const int MinimumRsaKeySizeInBits = 2048;

    // Importing a key costs more than using it; the objects live as long as the SecurityKey they come from. A key is
    // not expected to change after it is first used.
    private static readonly ConditionalWeakTable<SecurityKey, StrongBox<RSA?>> PublicRsa = new();
    private static readonly ConditionalWeakTable<SecurityKey, StrongBox<RSA?>> PrivateRsa = new();
    private static readonly ConditionalWeakTable<SecurityKey, StrongBox<EcKey?>> PublicEc = new();
    private static readonly ConditionalWeakTable<SecurityKey, StrongBox<EcKey?>> PrivateEc = new();

    /// <summary>Checks a key's JWK limits for a key management algorithm; <see langword="null"/> when it may be used.</summary>
    public static string? CheckLimits(SecurityKey key, string algorithm, bool forEncryption)
    {
        if (key is not JsonWebKey jwk)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(jwk.Alg) && jwk.Alg != algorithm)
        {
            return "The key is restricted to another algorithm by its 'alg' (RFC 7517 §4.4).";
        }

        if (!string.IsNullOrEmpty(jwk.Use) && jwk.Use != JsonWebKeyUseNames.Enc)
        {
            return "The key's 'use' is not 'enc' (RFC 7517 §4.2).";
        }

        string[] operations = algorithm == SecurityEventEncryptionAlgorithms.Direct
            ? [forEncryption ? "encrypt" : "decrypt"]
            : algorithm == SecurityEventEncryptionAlgorithms.EcdhEsA256KW ? ["deriveKey", "deriveBits"] : [forEncryption ? "wrapKey" : "unwrapKey"];
        return jwk.KeyOps.Count > 0 && !operations.Any(jwk.KeyOps.Contains)
            ? $"The key's 'key_ops' does not allow '{operations[0]}' (RFC 7517 §4.3)."
            : null;
    }

    /// <summary>
    /// The RSA object for the key, or <see langword="null"/> when it is not an RSA key (or lacks the private part).
    /// Cached with the key and shared: callers must not dispose it. RSA operations are safe to run concurrently.
    /// </summary>
    public static RSA? Rsa(SecurityKey key, bool needPrivate) =>
        (needPrivate ? PrivateRsa : PublicRsa).GetValue(key, k => new StrongBox<RSA?>(CreateRsa(k, needPrivate))).Value;

    /// <summary>
    /// The ECDH object for an EC key on a named curve, or <see langword="null"/> when the key is not one (or lacks the
    /// private part, or its point is not on the curve). Cached with the key and shared: callers must not dispose it.
    /// </summary>
    public static EcKey? Ecdh(SecurityKey key, bool needPrivate) =>
        (needPrivate ? PrivateEc : PublicEc).GetValue(key, k => new StrongBox<EcKey?>(CreateEcdh(k, needPrivate))).Value;

    /// <summary>The EC parameters of the key, or <see langword="null"/> when it is not a usable EC key.</summary>
    private static ECParameters? EllipticCurve(SecurityKey key, bool needPrivate)
    {
        ECParameters? parameters = key switch
        {
            ECDsaSecurityKey ec => TryExport(ec.ECDsa, needPrivate),
            JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.EllipticCurve } jwk => EcFromJwk(jwk),
            _ => null,
        };

        return parameters is { } p && (!needPrivate || p.D is not null) && CurveName(p.Curve) is not null ? p : null;
    }

    /// <summary>The bytes of a symmetric key, or <see langword="null"/>.</summary>
    public static byte[]? Symmetric(SecurityKey key) => key switch
    {
        SymmetricSecurityKey symmetric => symmetric.Key,
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.Octet, K: { } k } => Decode(k),
        _ => null,
    };

    /// <summary>The JOSE name of a named curve (RFC 7518 §6.2.1.1), or <see langword="null"/> for any other curve.</summary>
    public static string? CurveName(ECCurve curve) => curve.Oid?.Value switch
    {
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        _ => curve.Oid?.FriendlyName switch
        {
            "nistP256" or "ECDSA_P256" or "prime256v1" or "secp256r1" => "P-256",
            "nistP384" or "ECDSA_P384" or "secp384r1" => "P-384",
            "nistP521" or "ECDSA_P521" or "secp521r1" => "P-521",
            _ => null,
        },
    };

    public static ECCurve? Curve(string? name) => name switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-521" => ECCurve.NamedCurves.nistP521,
        _ => null,
    };

    /// <summary>The byte length of a coordinate on a named curve.</summary>
    public static int CoordinateBytes(string curve) => curve switch
    {
        "P-256" => 32,
        "P-384" => 48,
        _ => 66,
    };

    private static RSA? CreateRsa(SecurityKey key, bool needPrivate)
    {
        RSAParameters? parameters = key switch
        {
            RsaSecurityKey { Rsa: { } rsa } => Export(rsa, needPrivate),
            RsaSecurityKey { Rsa: null } rsa => rsa.Parameters,
            X509SecurityKey x509 => needPrivate ? Export(x509.Certificate.GetRSAPrivateKey(), true) : Export(x509.Certificate.GetRSAPublicKey(), false),
            JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.RSA } jwk => RsaFromJwk(jwk),
            _ => null,
        };

        if (parameters is not { Modulus: not null, Exponent: not null } p || (needPrivate && p.D is null))
        {
            return null;
        }

        try
        {
            var created = RSA.Create();
            created.ImportParameters(needPrivate ? p : new RSAParameters { Modulus = p.Modulus, Exponent = p.Exponent });
            return created;
        }
        catch (CryptographicException)
        {
            return null; // Inconsistent parameters.
        }
    }

    private static EcKey? CreateEcdh(SecurityKey key, bool needPrivate)
    {
        if (EllipticCurve(key, needPrivate) is not { } parameters)
        {
            return null;
        }

        try
        {
            var ecdh = ECDiffieHellman.Create(needPrivate ? parameters : new ECParameters { Curve = parameters.Curve, Q = parameters.Q });
            return new EcKey(ecdh, parameters.Curve, CurveName(parameters.Curve)!);
        }
        catch (CryptographicException)
        {
            return null; // Coordinates of the wrong length, or a point off the curve.
        }
    }

    private static RSAParameters? Export(RSA? rsa, bool includePrivate)
    {
        if (rsa is null)
        {
            return null;
        }

        try
        {
            return rsa.ExportParameters(includePrivate);
        }
        catch (CryptographicException)
        {
            return null; // A public-only key asked for its private part.
        }
    }

    private static ECParameters? TryExport(ECDsa ecdsa, bool includePrivate)
    {
        try
        {
            return ecdsa.ExportParameters(includePrivate);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static RSAParameters? RsaFromJwk(JsonWebKey jwk) => jwk.N is null || jwk.E is null ? null : new RSAParameters
    {
        Modulus = Decode(jwk.N),
        Exponent = Decode(jwk.E),
        D = Decode(jwk.D),
        P = Decode(jwk.P),
        Q = Decode(jwk.Q),
        DP = Decode(jwk.DP),
        DQ = Decode(jwk.DQ),
        InverseQ = Decode(jwk.QI),
    };

    private static ECParameters? EcFromJwk(JsonWebKey jwk) => Curve(jwk.Crv) is not { } curve || jwk.X is null || jwk.Y is null ? null : new ECParameters
    {
        Curve = curve,
        Q = new ECPoint { X = Decode(jwk.X), Y = Decode(jwk.Y) },
        D = Decode(jwk.D),
    };

    private static byte[]? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
