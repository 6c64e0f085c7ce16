using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SecEvent.Tokens.Tests.Support;

/// <summary>
/// Builds compact tokens by hand, byte for byte, so a test can reach the one rule it targets: a malformed or
/// hostile part next to a valid signature.
/// </summary>
public static class RawToken
{
    /// <summary>base64url (no padding) of the UTF-8 bytes of a JSON text.</summary>
    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    /// <summary>base64url (no padding) of raw bytes.</summary>
    public static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>The UTF-8 text of a base64url segment.</summary>
    public static string Decode(string segment) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(segment));

    /// <summary>An HS256 JWS over the given header and payload JSON.</summary>
    public static string Sign(string headerJson, string payloadJson, byte[] hmacKey) =>
        SignEncoded(Encode(headerJson), Encode(payloadJson), hmacKey);

    /// <summary>An HS256 JWS over raw header and payload bytes (for invalid UTF-8).</summary>
    public static string Sign(byte[] header, byte[] payload, byte[] hmacKey) =>
        SignEncoded(Encode(header), Encode(payload), hmacKey);

    /// <summary>An HS256 JWS over already encoded segments, which may be anything.</summary>
    public static string SignEncoded(string header, string payload, byte[] hmacKey)
    {
        var input = $"{header}.{payload}";
        return $"{input}.{Encode(HMACSHA256.HashData(hmacKey, Encoding.ASCII.GetBytes(input)))}";
    }

    /// <summary>An RSA JWS (RS* with PKCS#1 v1.5, PS* with PSS).</summary>
    public static string SignRsa(string headerJson, string payloadJson, RSA rsa, HashAlgorithmName hash, RSASignaturePadding padding)
    {
        var input = $"{Encode(headerJson)}.{Encode(payloadJson)}";
        return $"{input}.{Encode(rsa.SignData(Encoding.ASCII.GetBytes(input), hash, padding))}";
    }

    /// <summary>An ECDSA JWS: the signature is R || S (IEEE P1363), as RFC 7518 §3.4 requires.</summary>
    public static string SignEcdsa(string headerJson, string payloadJson, ECDsa ecdsa, HashAlgorithmName hash)
    {
        var input = $"{Encode(headerJson)}.{Encode(payloadJson)}";
        return $"{input}.{Encode(ecdsa.SignData(Encoding.ASCII.GetBytes(input), hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))}";
    }

    /// <summary>An Unsecured JWS: header, payload and the given (normally empty) signature part.</summary>
    public static string Unsecured(string headerJson, string payloadJson, string signature = "") =>
        $"{Encode(headerJson)}.{Encode(payloadJson)}.{signature}";

    /// <summary>
    /// The same segment with a non-zero value in the unused low bits of its last character: it decodes to the same
    /// bytes under a lenient decoder, but is not canonical base64url (RFC 4648 §3.5).
    /// </summary>
    public static string WithNonZeroTrailingBits(string segment)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var unusedBits = (segment.Length % 4) switch
        {
            2 => 0b1111,
            3 => 0b11,
            _ => throw new ArgumentException("Only a segment of length 4n + 2 or 4n + 3 has unused bits.", nameof(segment)),
        };
        var value = (Alphabet.IndexOf(segment[^1], StringComparison.Ordinal) & ~unusedBits) | 1;
        return segment[..^1] + Alphabet[value];
    }

    /// <summary>The three parts of a compact token.</summary>
    public static (string Header, string Payload, string Signature) Split(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new ArgumentException("Not a three-part compact token.", nameof(token));
        }

        return (parts[0], parts[1], parts[2]);
    }
}
