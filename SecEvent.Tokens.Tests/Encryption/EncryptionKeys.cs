using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Tokens.Tests.Encryption;

/// <summary>Receiver encryption keys, made once per test run.</summary>
internal static class EncryptionKeys
{
    private static readonly Lazy<RSA> RsaPair = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> OtherRsaPair = new(() => RSA.Create(2048));
    private static readonly Dictionary<string, Lazy<ECDsa>> EcPairs = new()
    {
        ["P-256"] = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        ["P-384"] = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP384)),
        ["P-521"] = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP521)),
    };

    public static RSA Rsa => RsaPair.Value;

    public static RsaSecurityKey RsaPrivate => new(Rsa) { KeyId = "enc-rsa" };

    public static RsaSecurityKey RsaPublic => new(Rsa.ExportParameters(false)) { KeyId = "enc-rsa" };

    public static RsaSecurityKey OtherRsaPrivate => new(OtherRsaPair.Value) { KeyId = "enc-rsa-2" };

    public static ECDsaSecurityKey EcPrivate(string curve = "P-256") => new(EcPairs[curve].Value) { KeyId = "enc-ec-" + curve };

    public static ECDsaSecurityKey EcPublic(string curve = "P-256") =>
        new(ECDsa.Create(EcPairs[curve].Value.ExportParameters(false))) { KeyId = "enc-ec-" + curve };

    /// <summary>The recipient's public key and its private counterpart for a key management algorithm (and curve).</summary>
    public static (SecurityKey Public, SecurityKey Private) For(string alg, string curve = "P-256") => alg switch
    {
        SecurityEventEncryptionAlgorithms.EcdhEsA256KW => (EcPublic(curve), EcPrivate(curve)),
        _ => (RsaPublic, RsaPrivate),
    };
}
