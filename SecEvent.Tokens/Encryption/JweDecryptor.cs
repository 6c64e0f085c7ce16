using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Tokens.Encryption;

/// <summary>Opens a Nested JWT's JWE with the receiver's keys and hands back the signed SET inside (RFC 7516 §5.2).</summary>
internal static class JweDecryptor
{
    public static bool TryDecrypt(
        string token,
        SecurityEventTokenValidationParameters parameters,
        [NotNullWhen(true)] out string? signedToken,
        [NotNullWhen(true)] out JweHeader? header,
        out SecurityKey? key,
        [NotNullWhen(false)] out SecurityEventError? error)
    {
        (signedToken, header, key) = (null, null, null);
        if (!CompactJwe.TryRead(token, parameters.MaximumJsonDepth, out var jwe, out error))
        {
            return false;
        }

        header = jwe.Header;
        if ((error = CheckHeader(header, parameters, out var alg, out var enc)) is not null)
        {
            return false;
        }

        var candidates = Candidates(parameters.DecryptionKeys, alg, header.KeyId);
        if (candidates.Count == 0)
        {
            error = alg.IsDirect
                ? SecurityEventError.Request("The JWE uses 'dir', but no symmetric decryption key was given; a content key is never taken from the token (RFC 7518 §4.5).")
                : SecurityEventError.Key($"The SET is encrypted with {alg.Name}, but this receiver has no decryption key of that kind.");
            return false;
        }

        foreach (var candidate in candidates)
        {
            var contentKey = alg.TryRecover(candidate, header, enc, jwe.EncryptedKey);
            if (contentKey is null)
            {
                continue;
            }

            var plaintext = enc.TryDecrypt(contentKey, jwe.Iv, jwe.AdditionalData, jwe.Ciphertext, jwe.Tag);
            CryptographicOperations.ZeroMemory(contentKey);
            if (plaintext is not null)
            {
                key = candidate;
                return TryReadPlaintext(plaintext, out signedToken, out error);
            }
        }

        // A wrong key and a tampered token look the same to authenticated encryption, on purpose.
        error = SecurityEventError.Key("The JWE cannot be decrypted with any of the receiver's keys, or it was altered.");
        return false;
    }

    private static SecurityEventError? CheckHeader(JweHeader header, SecurityEventTokenValidationParameters parameters, out KeyManagement alg, out ContentEncryption enc)
    {
        alg = KeyManagement.Find(header.Algorithm)!;
        enc = ContentEncryption.Find(header.Encryption)!;
        if (alg is null || (parameters.ValidKeyManagementAlgorithms.Count > 0 && !parameters.ValidKeyManagementAlgorithms.Contains(alg.Name)))
        {
            return SecurityEventError.Key("The JWE's 'alg' is not an accepted key management algorithm.");
        }

        if (enc is null || (parameters.ValidContentEncryptionAlgorithms.Count > 0 && !parameters.ValidContentEncryptionAlgorithms.Contains(enc.Name)))
        {
            return SecurityEventError.Key("The JWE's 'enc' is not an accepted content encryption algorithm.");
        }

        if (alg.IsKeyAgreement && header.EphemeralKey is null)
        {
            return SecurityEventError.Request("An ECDH-ES JWE needs the 'epk' header parameter (RFC 7518 §4.6.1.1).");
        }

        // RFC 7519 §5.2: a Nested JWT says so with cty JWT; a JWE around anything else is not a SET.
        return header.ContentType is { } cty && (cty.Equals("JWT", StringComparison.OrdinalIgnoreCase) || cty.Equals("application/jwt", StringComparison.OrdinalIgnoreCase))
            ? null
            : SecurityEventError.Request("An encrypted SET must be a Nested JWT with the header parameter 'cty' set to 'JWT' (RFC 7519 §5.2).");
    }

    // kid picks the key when it names one of the receiver's keys; otherwise every key of the right kind is tried.
    private static List<SecurityKey> Candidates(IList<SecurityKey> keys, KeyManagement alg, string? keyId)
    {
        var fitting = keys.Where(k => EncryptionKey.CheckLimits(k, alg.Name, forEncryption: false) is null && alg.Misfit(k, forEncryption: false) is null).ToList();
        var named = keyId is null ? [] : fitting.Where(k => k.KeyId == keyId).ToList();
        return named.Count > 0 ? named : fitting;
    }

    private static bool TryReadPlaintext(byte[] plaintext, [NotNullWhen(true)] out string? signedToken, [NotNullWhen(false)] out SecurityEventError? error)
    {
        signedToken = null;
        if (!Ascii.IsValid(plaintext))
        {
            error = SecurityEventError.Request("The decrypted content is not a compact JWS.");
            return false;
        }

        signedToken = Encoding.ASCII.GetString(plaintext);
        if (CompactJwe.LooksEncrypted(signedToken))
        {
            error = SecurityEventError.Request("The decrypted content is another JWE; a SET is signed, then encrypted once (RFC 7519 §5.2).");
            signedToken = null;
            return false;
        }

        error = null;
        return true;
    }
}
