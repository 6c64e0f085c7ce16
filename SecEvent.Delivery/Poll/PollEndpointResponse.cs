using System.Globalization;

namespace SecEvent.Delivery.Poll;

/// <summary>
/// The answer to a poll request, for the host to write back: status, headers and body (RFC 8936 §2.5), plus what the
/// request delivered, acknowledged and rejected, for the host's own records.
/// </summary>
public sealed class PollEndpointResponse
{
    internal PollEndpointResponse(int statusCode, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, string outcome)
    {
        StatusCode = statusCode;
        Headers = headers;
        Body = body;
        Outcome = outcome;
    }

    /// <summary>The HTTP status code: 200 with SETs or without, 400 for an invalid request, or another HTTP error status.</summary>
    public int StatusCode { get; }

    /// <summary>The response headers, as name/value pairs, such as <c>Content-Type</c> and <c>Cache-Control</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The response body: the poll response of RFC 8936 §2.5, or a small JSON error.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>How many SETs the body carries.</summary>
    public int Delivered { get; init; }

    /// <summary>How many pending SETs the request's <c>ack</c> removed.</summary>
    public int Acknowledged { get; init; }

    /// <summary>How many pending SETs the request's <c>setErrs</c> moved to the dead letters.</summary>
    public int Rejected { get; init; }

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

    /// <summary>Returns the status and the counts, never the SETs.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{StatusCode} delivered={Delivered} acknowledged={Acknowledged} rejected={Rejected}");

    /// <summary>The metric and trace outcome: <c>delivered</c>, <c>empty</c>, <c>invalid_request</c>….</summary>
    internal string Outcome { get; }
}
