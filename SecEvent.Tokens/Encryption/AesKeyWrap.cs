using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SecEvent.Tokens.Encryption;

/// <summary>
/// The AES Key Wrap of RFC 3394 §2.2 (JWE's A128KW/A192KW/A256KW, RFC 7518 §4.4). .NET ships only the padded variant
/// of RFC 5649, whose output differs even for keys that need no padding.
/// </summary>
internal static class AesKeyWrap
{
    private const ulong DefaultIv = 0xA6A6A6A6A6A6A6A6;

    public static byte[] Wrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> key)
    {
        if (key.Length < 16 || key.Length % 8 != 0)
        {
            throw new ArgumentException("AES Key Wrap needs a key of at least 16 bytes in 8-byte blocks.", nameof(key));
        }

        var n = key.Length / 8;
        var r = key.ToArray();
        var a = DefaultIv;
        using var aes = Aes.Create();
        aes.Key = kek.ToArray();
        Span<byte> block = stackalloc byte[16];
        for (var j = 0; j < 6; j++)
        {
            for (var i = 0; i < n; i++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(block, a);
                r.AsSpan(i * 8, 8).CopyTo(block[8..]);
                aes.EncryptEcb(block, block, PaddingMode.None);
                a = BinaryPrimitives.ReadUInt64BigEndian(block) ^ (ulong)((n * j) + i + 1);
                block[8..].CopyTo(r.AsSpan(i * 8, 8));
            }
        }

        var wrapped = new byte[key.Length + 8];
        BinaryPrimitives.WriteUInt64BigEndian(wrapped, a);
        r.CopyTo(wrapped, 8);
        return wrapped;
    }

    /// <summary>Unwraps a key; <see langword="null"/> when the integrity check fails.</summary>
    public static byte[]? TryUnwrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> wrapped)
    {
        if (wrapped.Length < 24 || wrapped.Length % 8 != 0)
        {
            return null;
        }

        var n = (wrapped.Length / 8) - 1;
        var a = BinaryPrimitives.ReadUInt64BigEndian(wrapped);
        var r = wrapped[8..].ToArray();
        using var aes = Aes.Create();
        aes.Key = kek.ToArray();
        Span<byte> block = stackalloc byte[16];
        for (var j = 5; j >= 0; j--)
        {
            for (var i = n - 1; i >= 0; i--)
            {
                BinaryPrimitives.WriteUInt64BigEndian(block, a ^ (ulong)((n * j) + i + 1));
                r.AsSpan(i * 8, 8).CopyTo(block[8..]);
                aes.DecryptEcb(block, block, PaddingMode.None);
                a = BinaryPrimitives.ReadUInt64BigEndian(block);
                block[8..].CopyTo(r.AsSpan(i * 8, 8));
            }
        }

        // RFC 3394 §2.2.3: the recovered IV must be the default one; compare without an early exit.
        Span<byte> expected = stackalloc byte[8];
        Span<byte> actual = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(expected, DefaultIv);
        BinaryPrimitives.WriteUInt64BigEndian(actual, a);
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? r : null;
    }
}
