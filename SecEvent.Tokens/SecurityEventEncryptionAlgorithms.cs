namespace SecEvent.Tokens;

/// <summary>The JWE algorithms this library encrypts and decrypts SETs with (RFC 7518 §4, §5).</summary>
/// <remarks>
/// RSA1_5 (padding-oracle prone, RFC 8725 §3.2), PBES2 and the AES key-wrap family with shared keys are deliberately
/// absent. A SET is signed first and then encrypted to the receiver (a Nested JWT, RFC 7519 §5.2).
/// </remarks>
public static class SecurityEventEncryptionAlgorithms
{
    /// <summary>Key management: RSAES OAEP with SHA-1 and MGF1-SHA-1 (RFC 7518 §4.3).</summary>
    public const string RsaOaep = "RSA-OAEP";

    /// <summary>Key management: RSAES OAEP with SHA-256 and MGF1-SHA-256 (RFC 7518 §4.3).</summary>
    public const string RsaOaep256 = "RSA-OAEP-256";

    /// <summary>Key management: ephemeral-static ECDH with the Concat KDF, wrapping the content key with A256KW (RFC 7518 §4.6).</summary>
    public const string EcdhEsA256KW = "ECDH-ES+A256KW";

    /// <summary>Key management: a symmetric key shared in advance is the content key (RFC 7518 §4.5).</summary>
    public const string Direct = "dir";

    /// <summary>Content encryption: AES-128 in Galois/Counter Mode (RFC 7518 §5.3).</summary>
    public const string A128Gcm = "A128GCM";

    /// <summary>Content encryption: AES-256 in Galois/Counter Mode (RFC 7518 §5.3).</summary>
    public const string A256Gcm = "A256GCM";

    /// <summary>Content encryption: AES-128-CBC with HMAC-SHA-256 (RFC 7518 §5.2.3).</summary>
    public const string A128CbcHs256 = "A128CBC-HS256";

    /// <summary>Content encryption: AES-256-CBC with HMAC-SHA-512 (RFC 7518 §5.2.5).</summary>
    public const string A256CbcHs512 = "A256CBC-HS512";
}
