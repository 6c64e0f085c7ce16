using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using System.Buffers.Text;

namespace SecEvent.Tokens.Jose;

/// <summary>The three segments of a JWS Compact Serialization (RFC 7515 §7.1), located without copying.</summary>
internal readonly struct CompactToken
{
    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private CompactToken(string text, int firstDot, int secondDot)
    {
        Text = text;
        FirstDot = firstDot;
        SecondDot = secondDot;
    }

    public string Text { get; }

    public int FirstDot { get; }

    public int SecondDot { get; }

    public ReadOnlySpan<char> Header => Text.AsSpan(0, FirstDot);

    public ReadOnlySpan<char> Payload => Text.AsSpan(FirstDot + 1, SecondDot - FirstDot - 1);

    public ReadOnlySpan<char> Signature => Text.AsSpan(SecondDot + 1);

    /// <summary>The JWS Signing Input: the encoded header, a dot and the encoded payload (RFC 7515 §5.2).</summary>
    public ReadOnlySpan<char> SigningInput => Text.AsSpan(0, SecondDot);

    public static bool TryLocate(string text, out CompactToken token, [NotNullWhen(false)] out SecurityEventError? error)
    {
        token = default;
        var span = text.AsSpan();
        var dots = span.Count('.');
        if (dots != 2)
        {
            error = SecurityEventError.Request("The token is not a JWS Compact Serialization (RFC 7515 §7.1): it must have three dot-separated parts.");
            return false;
        }

        var first = span.IndexOf('.');
        var second = first + 1 + span[(first + 1)..].IndexOf('.');
        token = new CompactToken(text, first, second);
        if (token.Header.IsEmpty || token.Payload.IsEmpty)
        {
            error = SecurityEventError.Request("The token's header or payload part is empty.");
            return false;
        }

        // The decoder would skip white space and padding; base64url in JWS has neither (RFC 7515 §2).
        if (!IsBase64Url(token.Header) || !IsBase64Url(token.Payload) || !IsBase64Url(token.Signature))
        {
            error = SecurityEventError.Request("A part of the token is not base64url: a character outside its alphabet, padding, white space or an impossible length (RFC 7515 §2).");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The number of bytes a segment decodes to at most.</summary>
    public static int MaxDecodedLength(ReadOnlySpan<char> segment) => Math.Max(1, Base64Url.GetMaxDecodedLength(segment.Length));

    /// <summary>Decodes a segment into a buffer at least <see cref="MaxDecodedLength"/> long.</summary>
    /// <remarks>
    /// Base64Url.TryDecodeFromChars throws for a last character with non-zero unused bits; this overload reports
    /// it, so a non-canonical encoding is refused like any other bad input instead of escaping as an exception.
    /// </remarks>
    public static bool TryDecode(ReadOnlySpan<char> segment, Span<byte> destination, out int length)
    {
        var status = Base64Url.DecodeFromChars(segment, destination, out var consumed, out length);
        return status == OperationStatus.Done && consumed == segment.Length;
    }

    /// <summary>Decodes strict base64url (its alphabet only, no padding, a possible length) into a new array.</summary>
    public static bool TryDecodeToArray(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        var buffer = new byte[MaxDecodedLength(text)];
        if (!IsBase64Url(text) || !TryDecode(text, buffer, out var length))
        {
            return false;
        }

        bytes = buffer[..length];
        return true;
    }

    public static bool IsBase64Url(ReadOnlySpan<char> segment) =>
        segment.IndexOfAnyExcept(Base64UrlAlphabet) < 0 && segment.Length % 4 != 1;
}
