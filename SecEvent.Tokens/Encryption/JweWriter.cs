using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Tokens.Encryption;

/// <summary>Encrypts a signed SET to its recipient as a Nested JWT (RFC 7519 §5.2, §A.2; RFC 7516 §5.1).</summary>
internal static class JweWriter
{
    // As the JWS writer: '+' in ECDH-ES+A256KW stays '+' rather than becoming \u002B.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Checks the credentials before anything is signed; <see langword="null"/> when they can encrypt.</summary>
    public static string? Check(EncryptingCredentials credentials)
    {
        if (KeyManagement.Find(credentials.Alg) is not { } alg)
        {
            return $"The key management algorithm must be one of {string.Join(", ", KeyManagement.Names)}.";
        }

        if (ContentEncryption.Find(credentials.Enc) is not { } enc)
        {
            return $"The content encryption algorithm must be one of {string.Join(", ", ContentEncryption.Names)}.";
        }

        if (EncryptionKey.CheckLimits(credentials.Key, alg.Name, forEncryption: true) is { } limit)
        {
            return limit;
        }

        if (alg.Misfit(credentials.Key, forEncryption: true) is { } misfit)
        {
            return misfit;
        }

        return alg.IsDirect && EncryptionKey.Symmetric(credentials.Key)?.Length != enc.KeyBytes
            ? $"'dir' with {enc.Name} needs a key of exactly {enc.KeyBytes * 8} bits."
            : null;
    }

    /// <summary>Encrypts <paramref name="signedToken"/>; the header repeats <paramref name="issuer"/> when one is given.</summary>
    public static string Write(string signedToken, EncryptingCredentials credentials, string? issuer)
    {
        var alg = KeyManagement.Find(credentials.Alg)!;
        var enc = ContentEncryption.Find(credentials.Enc)!;
        var (contentKey, encryptedKey) = alg.Deliver(credentials.Key, enc, out var ephemeralKey);
        try
        {
            var header = Base64Url.EncodeToString(Header(alg, enc, credentials.Key.KeyId, ephemeralKey, issuer));
            var iv = RandomNumberGenerator.GetBytes(enc.IvBytes);
            var ciphertext = enc.Encrypt(contentKey, iv, Encoding.ASCII.GetBytes(header), Encoding.ASCII.GetBytes(signedToken), out var tag);
            return string.Join('.', header, Base64Url.EncodeToString(encryptedKey), Base64Url.EncodeToString(iv),
                Base64Url.EncodeToString(ciphertext), Base64Url.EncodeToString(tag));
        }
        finally
        {
            if (!alg.IsDirect)
            {
                CryptographicOperations.ZeroMemory(contentKey);
            }
        }
    }

    private static byte[] Header(KeyManagement alg, ContentEncryption enc, string? keyId, ECParameters? ephemeralKey, string? issuer)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("alg", alg.Name);
            json.WriteString("enc", enc.Name);
            if (!string.IsNullOrEmpty(keyId))
            {
                json.WriteString("kid", keyId);
            }

            json.WriteString("cty", "JWT"); // RFC 7519 §5.2: the plaintext is itself a JWT.
            if (ephemeralKey is { } epk)
            {
                json.WriteStartObject("epk");
                json.WriteString("kty", "EC");
                json.WriteString("crv", EncryptionKey.CurveName(epk.Curve));
                json.WriteString("x", Base64Url.EncodeToString(epk.Q.X));
                json.WriteString("y", Base64Url.EncodeToString(epk.Q.Y));
                json.WriteEndObject();
            }

            if (issuer is not null)
            {
                json.WriteString("iss", issuer); // RFC 7519 §5.3; Back-Channel Logout 1.0 §2.4 asks for it.
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
