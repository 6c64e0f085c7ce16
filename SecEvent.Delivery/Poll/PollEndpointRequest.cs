namespace SecEvent.Delivery.Poll;

/// <summary>
/// One HTTP request to a poll endpoint, as the host saw it (RFC 8936 §2.4). The host copies these values from its own
/// request type and names the stream; <see cref="PollTransmitter"/> never depends on a web framework.
/// </summary>
public sealed class PollEndpointRequest
{
    /// <summary>The HTTP method.</summary>
    /// <value>The default value is <c>POST</c>, the only method RFC 8936 §2.4 uses.</value>
    public string Method { get; init; } = "POST";

    /// <summary>The <c>Content-Type</c> header value; it must name <c>application/json</c> (RFC 8936 §2).</summary>
    public string? ContentType { get; init; }

    /// <summary>The <c>Content-Length</c> header value, when the request carries one; used to refuse a large body unread.</summary>
    public long? ContentLength { get; init; }

    /// <summary>The <c>Authorization</c> header value, handed to the authorization hook and never logged.</summary>
    public string? Authorization { get; init; }

    /// <summary>The <c>Content-Language</c> header value: required with <c>setErrs</c>, whose descriptions it names the language of (RFC 8936 §2.6, POLL-11).</summary>
    public string? ContentLanguage { get; init; }

    /// <summary>The request body; read once, up to <see cref="PollTransmitterOptions.MaximumRequestSize"/> bytes.</summary>
    public required System.IO.Stream Body { get; init; }

    /// <summary>
    /// The stream polled: the outbox destination its SETs were enqueued for. The host chooses it, for example from the
    /// route, and the authorization hook decides whether the credentials may poll it.
    /// </summary>
    public required string StreamId { get; init; }

    /// <summary>Returns the method, content type and stream, never the credentials or the body.</summary>
    public override string ToString() => $"{Method} {ContentType} stream {StreamId}";
}
