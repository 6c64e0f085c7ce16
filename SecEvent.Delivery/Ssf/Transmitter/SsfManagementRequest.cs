namespace SecEvent.Delivery.Ssf;

/// <summary>
/// One request to a stream management endpoint, as the web framework hands it over: the host maps its routes onto
/// <see cref="SsfTransmitter.HandleAsync"/> with this and writes back the <see cref="SsfManagementResponse"/>.
/// </summary>
public sealed class SsfManagementRequest
{
    /// <summary>The endpoint the request arrived at.</summary>
    public required SsfManagementEndpoint Endpoint { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The <c>stream_id</c> query parameter, if present (read, delete, read status).</summary>
    public string? StreamId { get; init; }

    /// <summary>The <c>Authorization</c> header, if present; handed to the authorization hook, never logged.</summary>
    public string? Authorization { get; init; }

    /// <summary>The <c>Content-Type</c> header, if present.</summary>
    public string? ContentType { get; init; }

    /// <summary>The body; empty for GET and DELETE.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Method} {Endpoint}";
}
