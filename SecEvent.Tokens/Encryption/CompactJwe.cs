using System.Diagnostics.CodeAnalysis;
using System.Text;
using SecEvent.Tokens.Jose;

namespace SecEvent.Tokens.Encryption;

/// <summary>The five parts of a JWE Compact Serialization (RFC 7516 §7.1), decoded.</summary>
internal sealed class CompactJwe
{
    private CompactJwe(JweHeader header, byte[] additionalData, byte[] encryptedKey, byte[] iv, byte[] ciphertext, byte[] tag)
    {
        Header = header;
        AdditionalData = additionalData;
        EncryptedKey = encryptedKey;
        Iv = iv;
        Ciphertext = ciphertext;
        Tag = tag;
    }

    public JweHeader Header { get; }

    /// <summary>The Additional Authenticated Data: the ASCII of the encoded protected header (RFC 7516 §5.1 step 14).</summary>
    public byte[] AdditionalData { get; }

    public byte[] EncryptedKey { get; }

    public byte[] Iv { get; }

    public byte[] Ciphertext { get; }

    public byte[] Tag { get; }

    /// <summary>Whether a token has the five parts of a JWE rather than the three of a JWS.</summary>
    public static bool LooksEncrypted(ReadOnlySpan<char> token) => token.Count('.') == 4;

    public static bool TryRead(string token, int maxDepth, [NotNullWhen(true)] out CompactJwe? jwe, [NotNullWhen(false)] out SecurityEventError? error)
    {
        jwe = null;
        Span<Range> parts = stackalloc Range[6];
        if (token.AsSpan().Split(parts, '.') != 5)
        {
            error = SecurityEventError.Request("The token is not a JWE Compact Serialization (RFC 7516 §7.1): it must have five dot-separated parts.");
            return false;
        }

        var segments = new byte[5][];
        for (var i = 0; i < 5; i++)
        {
            var segment = token.AsSpan()[parts[i]];
            if (!CompactToken.TryDecodeToArray(segment, out segments[i]) || (segment.IsEmpty && i != 1))
            {
                error = SecurityEventError.Request("A part of the JWE is empty or not base64url (RFC 7516 §7.1); only the encrypted key may be empty.");
                return false;
            }
        }

        if (!JweHeader.TryRead(segments[0], maxDepth, out var header, out error))
        {
            return false;
        }

        jwe = new CompactJwe(header, Encoding.ASCII.GetBytes(token[parts[0]]), segments[1], segments[2], segments[3], segments[4]);
        return true;
    }
}
