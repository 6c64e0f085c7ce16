using System.Buffers;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens.Jose;

namespace SecEvent.Tokens.Validation;

/// <summary>Verifies a JWS signature with the caller's keys through Microsoft.IdentityModel's crypto providers.</summary>
internal static class SignatureVerifier
{
    /// <summary>Tries each candidate key that fits the algorithm and the <c>kid</c>; the first that verifies wins.</summary>
    public static SecurityEventError? Verify(
        in CompactToken token,
        JoseAlgorithm algorithm,
        string? keyId,
        List<SecurityKey> candidates,
        out SecurityKey? verifiedBy)
    {
        verifiedBy = null;
        if (!CompactToken.TryDecode(token.Signature, out var signature, out var signatureLength))
        {
            return SecurityEventError.Request("The signature part is not valid base64url (RFC 7515 §2).");
        }

        var input = ArrayPool<byte>.Shared.Rent(token.SigningInput.Length);
        try
        {
            // The signing input is ASCII: every character was checked against the base64url alphabet.
            var inputLength = Encoding.ASCII.GetBytes(token.SigningInput, input);
            var fitting = 0;
            foreach (var key in SelectByKeyId(candidates, keyId))
            {
                if (SigningKeyFit.Check(key, algorithm, forSigning: false) is not null)
                {
                    continue;
                }

                fitting++;
                if (TryVerify(key, algorithm.Name, input, inputLength, signature, signatureLength))
                {
                    verifiedBy = key;
                    return null;
                }
            }

            return fitting == 0
                ? SecurityEventError.Key(keyId is null
                    ? $"No configured key can verify {algorithm.Name} signatures."
                    : $"No configured key matches the token's 'kid' and can verify {algorithm.Name} signatures.")
                : SecurityEventError.Key("The signature does not verify with any configured key.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(signature);
        }
    }

    // A token that names its key is checked only with that key, or with keys that have no identifier at all.
    private static List<SecurityKey> SelectByKeyId(List<SecurityKey> candidates, string? keyId)
    {
        if (keyId is null)
        {
            return candidates;
        }

        var named = candidates.FindAll(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));
        return named.Count > 0 ? named : candidates.FindAll(k => string.IsNullOrEmpty(k.KeyId));
    }

    private static bool TryVerify(SecurityKey key, string algorithm, byte[] input, int inputLength, byte[] signature, int signatureLength)
    {
        var factory = key.CryptoProviderFactory ?? CryptoProviderFactory.Default;
        SignatureProvider? provider = null;
        try
        {
            provider = factory.CreateForVerifying(key, algorithm);
            return provider.Verify(input, 0, inputLength, signature, 0, signatureLength);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException
            or System.Security.Cryptography.CryptographicException or SecurityTokenException)
        {
            // A malformed or unusable key is no key for this token; others may still verify it.
            return false;
        }
        finally
        {
            if (provider is not null)
            {
                factory.ReleaseSignatureProvider(provider);
            }
        }
    }
}
