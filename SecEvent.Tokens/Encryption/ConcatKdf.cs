using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SecEvent.Tokens.Encryption;

/// <summary>The single-step Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, as JWE's ECDH-ES uses it (RFC 7518 §4.6.2).</summary>
internal static class ConcatKdf
{
    /// <summary>Derives <paramref name="keyBytes"/> bytes from the shared secret <paramref name="z"/>.</summary>
    /// <param name="z">The ECDH shared secret.</param>
    /// <param name="algorithmId">The <c>alg</c> value for key agreement with key wrapping (the <c>enc</c> value for direct agreement).</param>
    /// <param name="partyUInfo">The decoded <c>apu</c>, empty when absent.</param>
    /// <param name="partyVInfo">The decoded <c>apv</c>, empty when absent.</param>
    /// <param name="keyBytes">The length of the derived key.</param>
    public static byte[] Derive(ReadOnlySpan<byte> z, string algorithmId, ReadOnlySpan<byte> partyUInfo, ReadOnlySpan<byte> partyVInfo, int keyBytes)
    {
        var algorithm = Encoding.ASCII.GetBytes(algorithmId);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var derived = new byte[keyBytes];
        Span<byte> number = stackalloc byte[4];
        for (int counter = 1, offset = 0; offset < keyBytes; counter++, offset += 32)
        {
            AppendUInt32(hash, number, (uint)counter);
            hash.AppendData(z);
            AppendLengthPrefixed(hash, number, algorithm);
            AppendLengthPrefixed(hash, number, partyUInfo);
            AppendLengthPrefixed(hash, number, partyVInfo);
            AppendUInt32(hash, number, (uint)keyBytes * 8); // SuppPubInfo: keydatalen in bits; SuppPrivInfo is empty.
            var block = hash.GetHashAndReset();
            block.AsSpan(0, Math.Min(32, keyBytes - offset)).CopyTo(derived.AsSpan(offset));
        }

        return derived;
    }

    private static void AppendLengthPrefixed(IncrementalHash hash, Span<byte> number, ReadOnlySpan<byte> data)
    {
        AppendUInt32(hash, number, (uint)data.Length);
        hash.AppendData(data);
    }

    private static void AppendUInt32(IncrementalHash hash, Span<byte> number, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(number, value);
        hash.AppendData(number);
    }
}
