using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Interop;

/// <summary>
/// A JWE key management set-up the interop tests cross with panva/jose: the algorithm, its curve for ECDH-ES, and a
/// receiver key of that kind made here with the BCL.
/// </summary>
internal sealed class JweRecipient
{
    public static readonly JweRecipient[] All =
    [
        new(SecurityEventEncryptionAlgorithms.RsaOaep, curve: null),
        new(SecurityEventEncryptionAlgorithms.RsaOaep256, curve: null),
        new(SecurityEventEncryptionAlgorithms.EcdhEsA256KW, "P-256"),
        new(SecurityEventEncryptionAlgorithms.EcdhEsA256KW, "P-384"),
    ];

    public static readonly string[] ContentEncryptions =
    [
        SecurityEventEncryptionAlgorithms.A128Gcm,
        SecurityEventEncryptionAlgorithms.A256Gcm,
        SecurityEventEncryptionAlgorithms.A128CbcHs256,
        SecurityEventEncryptionAlgorithms.A256CbcHs512,
    ];

    private readonly Lazy<AsymmetricSecurityKey> _ours;

    private JweRecipient(string algorithm, string? curve)
    {
        Algorithm = algorithm;
        Curve = curve;
        var kid = "ours-" + Name.Replace(' ', '-');
        _ours = new(() => curve switch
        {
            null => new RsaSecurityKey(RSA.Create(2048)) { KeyId = kid },
            "P-256" => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid },
            _ => (AsymmetricSecurityKey)new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)) { KeyId = kid },
        });
    }

    /// <summary>Every key management set-up with every content encryption algorithm: (recipient name, enc).</summary>
    public static IEnumerable<object[]> Pairs =>
        from recipient in All from enc in ContentEncryptions select new object[] { recipient.Name, enc };

    /// <summary>The ECDH-ES pairs, whose header carries an ephemeral key.</summary>
    public static IEnumerable<object[]> KeyAgreementPairs => Pairs.Where(pair => Named((string)pair[0]).Curve is not null);

    public string Algorithm { get; }

    public string? Curve { get; }

    public string Name => Curve is null ? Algorithm : $"{Algorithm} {Curve}";

    /// <summary>The receiver's private key, made here.</summary>
    public SecurityKey OurKey => _ours.Value;

    public static JweRecipient Named(string name) => All.Single(r => r.Name == name);

    /// <summary>Our key as a JWK for jose: the public half to encrypt to, or the whole key to decrypt with.</summary>
    public Dictionary<string, string> OurJwk(bool includePrivate)
    {
        var jwk = Jwk.From(includePrivate ? OurKey : Some.PublicOf(OurKey), Algorithm, includePrivate);
        jwk["use"] = "enc";
        return jwk;
    }
}
