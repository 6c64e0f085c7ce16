using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Tokens.Encryption;

/// <summary>A JWE key management algorithm (RFC 7518 §4): how the content encryption key reaches the recipient.</summary>
internal sealed class KeyManagement
{
    private static readonly KeyManagement[] Known =
    [
        new(SecurityEventEncryptionAlgorithms.RsaOaep, RSAEncryptionPadding.OaepSHA1),
        new(SecurityEventEncryptionAlgorithms.RsaOaep256, RSAEncryptionPadding.OaepSHA256),
        new(SecurityEventEncryptionAlgorithms.EcdhEsA256KW, padding: null),
        new(SecurityEventEncryptionAlgorithms.Direct, padding: null),
    ];

    private readonly RSAEncryptionPadding? _padding;

    private KeyManagement(string name, RSAEncryptionPadding? padding)
    {
        Name = name;
        _padding = padding;
    }

    public string Name { get; }

    public bool IsDirect => Name == SecurityEventEncryptionAlgorithms.Direct;

    public bool IsKeyAgreement => Name == SecurityEventEncryptionAlgorithms.EcdhEsA256KW;

    public static IEnumerable<string> Names => Known.Select(k => k.Name);

    public static KeyManagement? Find(string? name) => Array.Find(Known, k => k.Name == name);

    /// <summary>Why the key cannot serve this algorithm (family, private part, RSA size, curve); <see langword="null"/> when it can.</summary>
    public string? Misfit(SecurityKey key, bool forEncryption)
    {
        if (_padding is not null)
        {
            var rsa = EncryptionKey.Rsa(key, needPrivate: !forEncryption);
            return rsa is null ? $"The key cannot be used with {Name}: it needs an RSA key."
                : rsa.KeySize < EncryptionKey.MinimumRsaKeySizeInBits ? $"RSA encryption keys must have at least {EncryptionKey.MinimumRsaKeySizeInBits} bits."
                : null;
        }

        if (!IsKeyAgreement)
        {
            return EncryptionKey.Symmetric(key) is not null ? null : $"The key cannot be used with {Name}: it needs a symmetric key.";
        }

        return EncryptionKey.Ecdh(key, needPrivate: !forEncryption) is not null
            ? null
            : $"The key cannot be used with {Name}: it needs an EC key on P-256, P-384 or P-521 whose point lies on the curve.";
    }

    /// <summary>Makes a content encryption key and delivers it to the recipient's key.</summary>
    /// <returns>The content key, and the JWE Encrypted Key (empty for <c>dir</c>); <paramref name="ephemeralKey"/> is set for ECDH-ES.</returns>
    public (byte[] ContentKey, byte[] EncryptedKey) Deliver(SecurityKey recipient, ContentEncryption enc, out ECParameters? ephemeralKey)
    {
        ephemeralKey = null;
        if (IsDirect)
        {
            var shared = EncryptionKey.Symmetric(recipient) ?? throw new ArgumentException("'dir' needs a symmetric key.", nameof(recipient));
            return shared.Length == enc.KeyBytes
                ? (shared, [])
                : throw new ArgumentException($"'dir' with {enc.Name} needs a key of exactly {enc.KeyBytes * 8} bits.", nameof(recipient));
        }

        var contentKey = RandomNumberGenerator.GetBytes(enc.KeyBytes);
        if (_padding is not null)
        {
            var rsa = EncryptionKey.Rsa(recipient, needPrivate: false) ?? throw new ArgumentException($"{Name} needs an RSA key.", nameof(recipient));
            return (contentKey, rsa.Encrypt(contentKey, _padding));
        }

        var receiver = EncryptionKey.Ecdh(recipient, needPrivate: false) ?? throw new ArgumentException($"{Name} needs an EC key on P-256, P-384 or P-521.", nameof(recipient));
        using var ephemeral = ECDiffieHellman.Create(receiver.Curve);
        var kek = KeyEncryptionKey(ephemeral, receiver.Key.PublicKey, [], []);
        ephemeralKey = ephemeral.ExportParameters(false);
        return (contentKey, AesKeyWrap.Wrap(kek, contentKey));
    }

    /// <summary>Recovers the content encryption key with one of the recipient's keys; <see langword="null"/> when that key does not open it.</summary>
    public byte[]? TryRecover(SecurityKey key, JweHeader header, ContentEncryption enc, ReadOnlySpan<byte> encryptedKey)
    {
        byte[]? contentKey;
        if (IsDirect)
        {
            contentKey = encryptedKey.IsEmpty ? EncryptionKey.Symmetric(key) : null;
        }
        else if (_padding is not null)
        {
            var rsa = EncryptionKey.Rsa(key, needPrivate: true);
            contentKey = rsa is null || rsa.KeySize < EncryptionKey.MinimumRsaKeySizeInBits ? null : TryDecrypt(rsa, encryptedKey);
        }
        else
        {
            contentKey = TryAgree(key, header, encryptedKey);
        }

        return contentKey?.Length == enc.KeyBytes ? contentKey : null;
    }

    private byte[]? TryDecrypt(RSA rsa, ReadOnlySpan<byte> encryptedKey)
    {
        try
        {
            return rsa.Decrypt(encryptedKey.ToArray(), _padding!);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private byte[]? TryAgree(SecurityKey key, JweHeader header, ReadOnlySpan<byte> encryptedKey)
    {
        // RFC 7518 §4.6.1.1: the ephemeral key must be on the recipient's curve; importing it checks the point is on it.
        if (EncryptionKey.Ecdh(key, needPrivate: true) is not { } own || header.EphemeralKey is not { } epk
            || own.CurveName != EncryptionKey.CurveName(epk.Curve))
        {
            return null;
        }

        try
        {
            using var sender = ECDiffieHellman.Create(epk);
            var kek = KeyEncryptionKey(own.Key, sender.PublicKey, header.PartyUInfo, header.PartyVInfo);
            return AesKeyWrap.TryUnwrap(kek, encryptedKey);
        }
        catch (CryptographicException)
        {
            return null; // The ephemeral point is not on the curve, or the agreement failed.
        }
    }

    private byte[] KeyEncryptionKey(ECDiffieHellman own, ECDiffieHellmanPublicKey peer, ReadOnlySpan<byte> apu, ReadOnlySpan<byte> apv)
    {
        var z = own.DeriveRawSecretAgreement(peer);
        try
        {
            return ConcatKdf.Derive(z, Name, apu, apv, keyBytes: 32);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(z);
        }
    }
}
