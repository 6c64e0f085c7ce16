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
        IList<SecurityKey> candidates,
        out SecurityKey? verifiedBy)
    {
        verifiedBy = null;
        // Wilson's verify API takes arrays: decode and encode into per-thread scratch arrays instead of new ones.
        using var signatureScratch = ScratchBuffer.First(CompactToken.MaxDecodedLength(token.Signature));
        var signature = signatureScratch.Array;
        if (!CompactToken.TryDecode(token.Signature, signature, out var signatureLength))
        {
            return SecurityEventError.Request("The signature part is not valid base64url (RFC 7515 §2).");
        }

        using var inputScratch = ScratchBuffer.Second(token.SigningInput.Length);
        var input = inputScratch.Array;

        // The signing input is ASCII: every character was checked against the base64url alphabet.
        var inputLength = Encoding.ASCII.GetBytes(token.SigningInput, input);

        // A token that names its key is checked only with that key, or, when no key has that id, with keys
        // that have no id at all. A token without a kid is checked with every key.
        var anyNamed = keyId is not null && HasKeyId(candidates, keyId);
        var fitting = 0;
        foreach (var key in candidates)
        {
            var selected = keyId is null
                || (anyNamed ? string.Equals(key.KeyId, keyId, StringComparison.Ordinal) : string.IsNullOrEmpty(key.KeyId));
            if (!selected || SigningKeyFit.Check(key, algorithm, forSigning: false) is not null)
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

    private static bool HasKeyId(IList<SecurityKey> candidates, string keyId)
    {
        foreach (var key in candidates)
        {
            if (string.Equals(key.KeyId, keyId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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
