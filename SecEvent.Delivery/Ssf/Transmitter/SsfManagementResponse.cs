namespace SecEvent.Delivery.Ssf;

/// <summary>The answer to an <see cref="SsfManagementRequest"/>: a status, headers and an optional JSON body.</summary>
public sealed class SsfManagementResponse
{
    internal SsfManagementResponse(int statusCode, ReadOnlyMemory<byte> body, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        StatusCode = statusCode;
        Body = body;
        Headers = headers ?? [];
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>Headers to send besides <c>Content-Type</c>: <c>WWW-Authenticate</c>, <c>Retry-After</c>, <c>Allow</c>, <c>Cache-Control</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The body; empty when there is none.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body's media type, <c>application/json</c>, or <see langword="null"/> without a body.</summary>
    public string? ContentType => Body.IsEmpty ? null : SsfStreamJson.MediaType;

    /// <inheritdoc/>
    public override string ToString() => $"{StatusCode}";
}
