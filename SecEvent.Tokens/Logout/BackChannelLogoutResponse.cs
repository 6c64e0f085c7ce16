using System.Text;
using System.Text.Json;

namespace SecEvent.Tokens.Logout;

/// <summary>
/// The RP's answer to a Back-Channel Logout request (OpenID Connect Back-Channel Logout 1.0 §2.8), described as a status
/// code, headers and body bytes for the host's HTTP framework to write. Immutable.
/// </summary>
/// <remarks>
/// Success is 200 with no body; failure is 400 with the JSON body <c>{"error": …, "error_description": …}</c>
/// (RFC 6749 §5.2 style, not the RFC 8935 <c>err</c> form). Both carry <c>Cache-Control: no-store</c>.
/// </remarks>
public sealed class BackChannelLogoutResponse
{
    /// <summary>The name of the cache directive header, <c>Cache-Control</c> (§2.8).</summary>
    public const string CacheControlHeaderName = "Cache-Control";

    /// <summary>The value the response SHOULD carry in <see cref="CacheControlHeaderName"/>, <c>no-store</c> (§2.8).</summary>
    public const string NoStore = "no-store";

    private BackChannelLogoutResponse(int statusCode, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, LogoutError? error, Exception? exception)
    {
        StatusCode = statusCode;
        Headers = headers;
        Body = body;
        Error = error;
        Exception = exception;
    }

    /// <summary>The successful answer: 200 OK, <c>Cache-Control: no-store</c>, no body (§2.8). The OP also accepts 204.</summary>
    public static BackChannelLogoutResponse Success { get; } =
        new(200, Array.AsReadOnly([new KeyValuePair<string, string>(CacheControlHeaderName, NoStore)]), ReadOnlyMemory<byte>.Empty, null, null);

    /// <summary>The HTTP status code: 200 on success, 400 on an invalid request or a failed logout (§2.8).</summary>
    public int StatusCode { get; }

    /// <summary>Whether the logout succeeded (status 200).</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The response headers: <c>Cache-Control: no-store</c>, and <c>Content-Type: application/json</c> when there is a body.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The UTF-8 JSON body of a failure; empty on success.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Why the request was refused; <see langword="null"/> on success.</summary>
    public LogoutError? Error { get; }

    /// <summary>
    /// The exception the logout callback threw, for the host to log; <see langword="null"/> otherwise. It is never written
    /// to the response.
    /// </summary>
    public Exception? Exception { get; }

    /// <summary>A failure answer: 400 Bad Request, <c>Cache-Control: no-store</c> and the JSON error body (§2.8).</summary>
    /// <param name="error">The error; its texts are written with only the characters RFC 6749 §5.2 allows.</param>
    /// <returns>The response.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public static BackChannelLogoutResponse Failure(LogoutError error) => Failure(error, null);

    internal static BackChannelLogoutResponse Failure(LogoutError error, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(error);
        var headers = Array.AsReadOnly(
        [
            new KeyValuePair<string, string>(CacheControlHeaderName, NoStore),
            new KeyValuePair<string, string>("Content-Type", SecurityEventMediaTypes.Json),
        ]);
        return new BackChannelLogoutResponse(400, headers, WriteBody(error), error, exception);
    }

    /// <summary>Describes the answer without its body.</summary>
    public override string ToString() => IsSuccess ? "200 OK" : $"400 Bad Request: {Error}";

    private static byte[] WriteBody(LogoutError error)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("error", OAuthText(error.Error));
            writer.WriteString("error_description", OAuthText(error.ErrorDescription));
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>RFC 6749 §5.2: <c>error</c> and <c>error_description</c> hold only %x20-21 / %x23-5B / %x5D-7E.</summary>
    private static string OAuthText(string? text)
    {
        var builder = new StringBuilder((text ?? string.Empty).Length);
        foreach (var c in text ?? string.Empty)
        {
            _ = c switch
            {
                '§' => builder.Append("section "),
                '"' => builder.Append('\''),
                '\\' => builder.Append('/'),
                >= ' ' and <= '~' => builder.Append(c),
                _ => builder.Append('?'),
            };
        }

        return builder.ToString();
    }
}
