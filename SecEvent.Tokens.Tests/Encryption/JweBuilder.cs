using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SecEvent.Tokens.Tests.Encryption;

/// <summary>
/// Builds JWEs with any header, straight from System.Security.Cryptography (RSA-OAEP-256 or dir, with A256GCM), so tests
/// can make the malformed and hostile tokens the library itself refuses to write.
/// </summary>
internal static class JweBuilder
{
    public static string RsaOaep256(string headerJson, string plaintext, RSA recipient)
    {
        var contentKey = RandomNumberGenerator.GetBytes(32);
        return Assemble(headerJson, recipient.Encrypt(contentKey, RSAEncryptionPadding.OaepSHA256), contentKey, plaintext);
    }

    public static string Direct(string headerJson, string plaintext, byte[] key) => Assemble(headerJson, [], key, plaintext);

    /// <summary>Flips one bit in the decoded part <paramref name="index"/> (0 header … 4 tag) and re-encodes it.</summary>
    public static string Tamper(string jwe, int index, int byteIndex = 0)
    {
        var parts = jwe.Split('.');
        var bytes = Base64Url.DecodeFromChars(parts[index]);
        bytes[byteIndex] ^= 0x01;
        parts[index] = Base64Url.EncodeToString(bytes);
        return string.Join('.', parts);
    }

    public static string HeaderOf(string jwe) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(jwe.AsSpan(0, jwe.IndexOf('.', StringComparison.Ordinal))));

    private static string Assemble(string headerJson, byte[] encryptedKey, byte[] contentKey, string plaintext)
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson));
        var iv = RandomNumberGenerator.GetBytes(12);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var ciphertext = new byte[data.Length];
        var tag = new byte[16];
        using (var gcm = new AesGcm(contentKey, 16))
        {
            gcm.Encrypt(iv, data, ciphertext, tag, Encoding.ASCII.GetBytes(header));
        }

        return string.Join('.', header, Base64Url.EncodeToString(encryptedKey), Base64Url.EncodeToString(iv), Base64Url.EncodeToString(ciphertext), Base64Url.EncodeToString(tag));
    }
}
