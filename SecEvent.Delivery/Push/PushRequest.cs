namespace SecEvent.Delivery.Push;

/// <summary>
/// One HTTP request to a push endpoint, as the host saw it (RFC 8935 §2.1). The host copies these values from its own
/// request type; <see cref="PushReceiver"/> never depends on a web framework.
/// </summary>
public sealed class PushRequest
{
    /// <summary>The HTTP method.</summary>
    /// <value>The default value is <c>POST</c>, the only method RFC 8935 §2.1 defines.</value>
    public string Method { get; init; } = "POST";

    /// <summary>The <c>Content-Type</c> header value; it must name <c>application/secevent+jwt</c> (RFC 8935 §2.1, PUSH-07).</summary>
    public string? ContentType { get; init; }

    /// <summary>The <c>Content-Length</c> header value, when the request carries one; used to refuse a large body unread.</summary>
    public long? ContentLength { get; init; }

    /// <summary>The <c>Authorization</c> header value, handed to the authentication hook and never logged.</summary>
    public string? Authorization { get; init; }

    /// <summary>The request body; read once, up to <see cref="PushReceiverOptions.MaximumRequestSize"/> bytes.</summary>
    public required Stream Body { get; init; }

    /// <summary>Returns the method and content type, never the credentials or the body.</summary>
    public override string ToString() => $"{Method} {ContentType}";
}
