using System.Text;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Push;

/// <summary>
/// The answer to a push request, for the host to write back: status, headers and body (RFC 8935 §2.2, §2.3), plus the
/// refusal or accepted SET for the host's own records.
/// </summary>
public sealed class PushResponse
{
    internal PushResponse(int statusCode, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, SecurityEventError? error, SecurityEventToken? token, bool isDuplicate, string outcome)
    {
        StatusCode = statusCode;
        Headers = headers;
        Body = body;
        Error = error;
        Token = token;
        IsDuplicate = isDuplicate;
        Outcome = outcome;
    }

    /// <summary>The HTTP status code: 202 on success, 400 for a SET error, or an ordinary HTTP error status.</summary>
    public int StatusCode { get; }

    /// <summary>The response headers, as name/value pairs, such as <c>Content-Type</c> and <c>Content-Language</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The response body; empty for 202 (RFC 8935 §2.2, PUSH-09).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Why the request was refused; <see langword="null"/> when the SET was accepted or the failure has no <c>err</c> code.</summary>
    public SecurityEventError? Error { get; }

    /// <summary>The accepted SET; <see langword="null"/> unless <see cref="StatusCode"/> is 202.</summary>
    public SecurityEventToken? Token { get; }

    /// <summary>Whether this was a repeat of a SET accepted before, answered without reaching the sink again (RFC 8935 §2, PUSH-04).</summary>
    public bool IsDuplicate { get; }

    /// <summary>The first value of a header, compared case-insensitively; <see langword="null"/> when absent.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The header value, or <see langword="null"/>.</returns>
    public string? GetHeader(string name)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <summary>Returns the status and the error code, never the token.</summary>
    public override string ToString() => Error is null ? StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{StatusCode} {Error.Code}";

    /// <summary>The metric and trace outcome: <c>accepted</c>, <c>duplicate</c>, <c>refused</c>, <c>sink_failed</c>….</summary>
    internal string Outcome { get; }

    internal string BodyText => Encoding.UTF8.GetString(Body.Span);
}
