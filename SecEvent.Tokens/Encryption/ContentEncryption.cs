using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SecEvent.Tokens.Encryption;

/// <summary>A JWE content encryption algorithm (RFC 7518 §5): AES-GCM or AES-CBC with HMAC-SHA-2.</summary>
internal sealed class ContentEncryption
{
    private static readonly ContentEncryption[] Known =
    [
        new(SecurityEventEncryptionAlgorithms.A128Gcm, keyBytes: 16, ivBytes: 12, hmac: null),
        new(SecurityEventEncryptionAlgorithms.A256Gcm, keyBytes: 32, ivBytes: 12, hmac: null),
        new(SecurityEventEncryptionAlgorithms.A128CbcHs256, keyBytes: 32, ivBytes: 16, HashAlgorithmName.SHA256),
        new(SecurityEventEncryptionAlgorithms.A256CbcHs512, keyBytes: 64, ivBytes: 16, HashAlgorithmName.SHA512),
    ];

    private readonly HashAlgorithmName? _hmac;

    private ContentEncryption(string name, int keyBytes, int ivBytes, HashAlgorithmName? hmac)
    {
        Name = name;
        KeyBytes = keyBytes;
        IvBytes = ivBytes;
        _hmac = hmac;
    }

    public string Name { get; }

    /// <summary>The length of the content encryption key; for CBC-HMAC the MAC key and the AES key together.</summary>
    public int KeyBytes { get; }

    public int IvBytes { get; }

    /// <summary>The tag is 128 bits for GCM and half the HMAC for CBC-HMAC (RFC 7518 §5.2.2.1).</summary>
    public int TagBytes => _hmac is null ? 16 : KeyBytes / 2;

    public static IEnumerable<string> Names => Known.Select(k => k.Name);

    public static ContentEncryption? Find(string? name) => Array.Find(Known, k => k.Name == name);

    public byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> plaintext, out byte[] tag)
    {
        if (_hmac is null)
        {
            var ciphertext = new byte[plaintext.Length];
            tag = new byte[TagBytes];
            using var gcm = new AesGcm(key, TagBytes);
            gcm.Encrypt(iv, plaintext, ciphertext, tag, aad);
            return ciphertext;
        }

        using var aes = Aes.Create();
        aes.Key = key[(KeyBytes / 2)..].ToArray();
        var cbc = aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
        tag = CbcTag(key[..(KeyBytes / 2)], aad, iv, cbc);
        return cbc;
    }

    /// <summary>Decrypts and authenticates; <see langword="null"/> when the tag does not match.</summary>
    public byte[]? TryDecrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag)
    {
        if (iv.Length != IvBytes || tag.Length != TagBytes || key.Length != KeyBytes)
        {
            return null;
        }

        if (_hmac is null)
        {
            var plaintext = new byte[ciphertext.Length];
            using var gcm = new AesGcm(key, TagBytes);
            try
            {
                gcm.Decrypt(iv, ciphertext, tag, plaintext, aad);
                return plaintext;
            }
            catch (AuthenticationTagMismatchException)
            {
                return null;
            }
        }

        // RFC 7518 §5.2.2.2: authenticate before decrypting, in constant time.
        if (!CryptographicOperations.FixedTimeEquals(CbcTag(key[..(KeyBytes / 2)], aad, iv, ciphertext), tag))
        {
            return null;
        }

        using var aes = Aes.Create();
        aes.Key = key[(KeyBytes / 2)..].ToArray();
        try
        {
            return aes.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>RFC 7518 §5.2.2.1: the first half of HMAC(MAC_KEY, AAD || IV || ciphertext || AL).</summary>
    private byte[] CbcTag(ReadOnlySpan<byte> macKey, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext)
    {
        using var hmac = IncrementalHash.CreateHMAC(_hmac!.Value, macKey);
        hmac.AppendData(aad);
        hmac.AppendData(iv);
        hmac.AppendData(ciphertext);
        Span<byte> al = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(al, (ulong)aad.Length * 8);
        hmac.AppendData(al);
        return hmac.GetHashAndReset()[..TagBytes];
    }
}
