using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace SecEvent.Tokens.Logout;

/// <summary>
/// The Back-Channel Logout request of OpenID Connect Back-Channel Logout 1.0 §2.5, without any HTTP framework: the OP
/// POSTs an <c>application/x-www-form-urlencoded</c> body with a <c>logout_token</c> parameter to the RP's
/// <c>backchannel_logout_uri</c>; the RP reads the token back out of it.
/// </summary>
public static class BackChannelLogoutRequest
{
    /// <summary>The media type of the request body, <c>application/x-www-form-urlencoded</c> (§2.5).</summary>
    public const string MediaType = "application/x-www-form-urlencoded";

    /// <summary>The name of the form parameter carrying the Logout Token, <c>logout_token</c> (§2.5).</summary>
    public const string LogoutTokenParameterName = "logout_token";

    /// <summary>The default bound on a request body, in bytes: 64 KiB, well above any Logout Token.</summary>
    public const int DefaultMaximumBodySize = 64 * 1024;

    private const int StackLimit = 256;

    /// <summary>Writes the request body for a Logout Token: <c>logout_token=…</c>, percent-encoded (§2.5).</summary>
    /// <param name="logoutToken">The compact Logout Token from <see cref="LogoutTokenHandler.CreateToken"/>.</param>
    /// <returns>The body, to send with the content type <see cref="MediaType"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="logoutToken"/> is <see langword="null"/> or empty.</exception>
    public static string CreateBody(string logoutToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(logoutToken);
        return LogoutTokenParameterName + "=" + Uri.EscapeDataString(logoutToken);
    }

    /// <summary>
    /// Checks an RP's <c>backchannel_logout_uri</c> (§2.2): absolute, without a fragment, and <c>https</c> unless the OP
    /// permits <c>http</c> for a confidential client. The OP posts to the URI exactly as registered, so any query component
    /// is kept; the logout token travels in the body, never in the query.
    /// </summary>
    /// <param name="logoutUri">The registered URI.</param>
    /// <param name="allowHttp">Whether <c>http</c> is permitted (only for confidential clients, when the OP allows it).</param>
    /// <returns><see langword="null"/> when the URI is acceptable; otherwise a description of the problem.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="logoutUri"/> is <see langword="null"/>.</exception>
    public static string? CheckLogoutUri(Uri logoutUri, bool allowHttp = false)
    {
        ArgumentNullException.ThrowIfNull(logoutUri);
        if (!logoutUri.IsAbsoluteUri)
        {
            return "The backchannel_logout_uri must be an absolute URI (Back-Channel Logout 1.0 §2.2).";
        }

        if (logoutUri.Fragment.Length > 0 || logoutUri.OriginalString.Contains('#', StringComparison.Ordinal))
        {
            return "The backchannel_logout_uri must not include a fragment component (Back-Channel Logout 1.0 §2.2).";
        }

        if (logoutUri.Scheme == Uri.UriSchemeHttps || (allowHttp && logoutUri.Scheme == Uri.UriSchemeHttp))
        {
            return null;
        }

        return allowHttp
            ? "The backchannel_logout_uri must use the https or http scheme (Back-Channel Logout 1.0 §2.2)."
            : "The backchannel_logout_uri should use the https scheme; http is allowed only for confidential clients when the OP permits it (Back-Channel Logout 1.0 §2.2).";
    }

    /// <summary>
    /// Whether a request's <c>Content-Type</c> is <c>application/x-www-form-urlencoded</c> (§2.5). The media type is compared
    /// case-insensitively and parameters such as <c>charset</c> are tolerated (RFC 9110 §8.3.1).
    /// </summary>
    /// <param name="contentType">The header value, or <see langword="null"/> when the request has none.</param>
    /// <returns>Whether the body is form-encoded.</returns>
    public static bool IsFormContentType(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType.AsSpan() : contentType.AsSpan(0, semicolon)).Trim(" \t");
        return mediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads the Logout Token out of a request body (§2.5).</summary>
    /// <param name="body">The request body as text.</param>
    /// <param name="logoutToken">The decoded <c>logout_token</c> value.</param>
    /// <param name="error">Why the body was refused; it never contains the token.</param>
    /// <param name="maximumBodySize">The largest body accepted, in UTF-8 bytes.</param>
    /// <returns>Whether the body carried exactly one non-empty <c>logout_token</c>.</returns>
    /// <remarks>See <see cref="TryReadLogoutToken(ReadOnlySpan{byte}, out string?, out string?, int)"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    public static bool TryReadLogoutToken(
        string body, [NotNullWhen(true)] out string? logoutToken, [NotNullWhen(false)] out string? error, int maximumBodySize = DefaultMaximumBodySize)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumBodySize, 1);
        if (body.Length > maximumBodySize)
        {
            return TooLarge(maximumBodySize, out logoutToken, out error);
        }

        return TryReadLogoutToken(Encoding.UTF8.GetBytes(body), out logoutToken, out error, maximumBodySize);
    }

    /// <summary>Reads the Logout Token out of a request body (§2.5).</summary>
    /// <param name="body">The request body as received.</param>
    /// <param name="logoutToken">The decoded <c>logout_token</c> value.</param>
    /// <param name="error">Why the body was refused; it never contains the token.</param>
    /// <param name="maximumBodySize">The largest body accepted, in bytes.</param>
    /// <returns>Whether the body carried exactly one non-empty <c>logout_token</c>.</returns>
    /// <remarks>
    /// The body is decoded as <c>application/x-www-form-urlencoded</c> (WHATWG URL §5.1): <c>&amp;</c>-separated
    /// <c>name=value</c> pairs, <c>+</c> for a space, <c>%XX</c> escapes of UTF-8 bytes. Other parameters are ignored
    /// (§2.5), their values unread. A <c>logout_token</c> that is missing, empty or repeated is refused, as is an invalid
    /// percent-escape or invalid UTF-8 in a parameter name or in the token, and a body longer than
    /// <paramref name="maximumBodySize"/>.
    /// </remarks>
    public static bool TryReadLogoutToken(
        ReadOnlySpan<byte> body, [NotNullWhen(true)] out string? logoutToken, [NotNullWhen(false)] out string? error, int maximumBodySize = DefaultMaximumBodySize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumBodySize, 1);
        logoutToken = null;
        if (body.Length > maximumBodySize)
        {
            return TooLarge(maximumBodySize, out logoutToken, out error);
        }

        var found = false;
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'&');
            var pair = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? [] : pair[(equals + 1)..];
            if (!IsLogoutTokenName(name, out var nameValid))
            {
                if (!nameValid)
                {
                    return Refuse("A parameter name in the request body has an invalid percent-escape or is not UTF-8 (application/x-www-form-urlencoded).", out logoutToken, out error);
                }

                continue;
            }

            if (found)
            {
                return Refuse("The 'logout_token' parameter appears more than once (Back-Channel Logout 1.0 §2.5).", out logoutToken, out error);
            }

            found = true;
            if (!TryDecode(value, out logoutToken))
            {
                return Refuse("The 'logout_token' parameter has an invalid percent-escape or is not UTF-8 (application/x-www-form-urlencoded).", out logoutToken, out error);
            }
        }

        if (string.IsNullOrEmpty(logoutToken))
        {
            return Refuse(found
                ? "The 'logout_token' parameter is empty (Back-Channel Logout 1.0 §2.5)."
                : "The request body has no 'logout_token' parameter (Back-Channel Logout 1.0 §2.5).", out logoutToken, out error);
        }

        error = null;
        return true;
    }

    private static bool IsLogoutTokenName(ReadOnlySpan<byte> encoded, out bool valid)
    {
        byte[]? rented = null;
        Span<byte> buffer = encoded.Length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(encoded.Length));
        try
        {
            valid = TryDecodeBytes(encoded, buffer, out var length) && System.Text.Unicode.Utf8.IsValid(buffer[..length]);
            return valid && buffer[..length].SequenceEqual("logout_token"u8);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out string? decoded)
    {
        decoded = null;
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(encoded.Length, 1));
        try
        {
            if (!TryDecodeBytes(encoded, rented, out var length) || !System.Text.Unicode.Utf8.IsValid(rented.AsSpan(0, length)))
            {
                return false;
            }

            decoded = Encoding.UTF8.GetString(rented, 0, length);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Undoes <c>+</c> and <c>%XX</c>; a <c>%</c> not followed by two hexadecimal digits is refused.</summary>
    private static bool TryDecodeBytes(ReadOnlySpan<byte> encoded, Span<byte> output, out int length)
    {
        length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == (byte)'+')
            {
                b = (byte)' ';
            }
            else if (b == (byte)'%')
            {
                if (i + 2 >= encoded.Length || HexValue(encoded[i + 1]) is not { } high || HexValue(encoded[i + 2]) is not { } low)
                {
                    return false;
                }

                b = (byte)((high << 4) | low);
                i += 2;
            }

            output[length++] = b;
        }

        return true;
    }

    private static int? HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => null,
    };

    private static bool TooLarge(int maximumBodySize, out string? logoutToken, out string? error) =>
        Refuse($"The request body is larger than {maximumBodySize} bytes.", out logoutToken, out error);

    private static bool Refuse(string description, out string? logoutToken, out string? error)
    {
        logoutToken = null;
        error = description;
        return false;
    }
}
