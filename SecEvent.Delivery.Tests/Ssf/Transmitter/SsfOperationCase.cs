namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>One stream management request of the conformance suite, with <c>{id}</c> standing for the stream id.</summary>
public sealed record SsfOperationCase(string Name, string Method, string Path, string? Body)
{
    /// <summary>Every operation that names a stream (SSF-25…37).</summary>
    public static IEnumerable<SsfOperationCase> OnStream { get; } =
    [
        new("read", "GET", SsfTransmitterHost.ConfigurationPath + "?stream_id={id}", null),
        new("update", "PATCH", SsfTransmitterHost.ConfigurationPath, """{"stream_id":"{id}","description":"changed"}"""),
        new("replace", "PUT", SsfTransmitterHost.ConfigurationPath, """{"stream_id":"{id}","delivery":{"method":"urn:ietf:rfc:8936"},"events_requested":["https://schemas.openid.net/secevent/caep/event-type/session-revoked"]}"""),
        new("delete", "DELETE", SsfTransmitterHost.ConfigurationPath + "?stream_id={id}", null),
        new("read status", "GET", SsfTransmitterHost.StatusPath + "?stream_id={id}", null),
        new("update status", "POST", SsfTransmitterHost.StatusPath, """{"stream_id":"{id}","status":"paused"}"""),
        new("add subject", "POST", SsfTransmitterHost.AddSubjectPath, """{"stream_id":"{id}","subject":{"format":"email","email":"user@example.com"}}"""),
        new("remove subject", "POST", SsfTransmitterHost.RemoveSubjectPath, """{"stream_id":"{id}","subject":{"format":"email","email":"user@example.com"}}"""),
        new("verify", "POST", SsfTransmitterHost.VerificationPath, """{"stream_id":"{id}","state":"VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRl"}"""),
    ];

    /// <summary>Every operation, create included.</summary>
    public static IEnumerable<SsfOperationCase> All { get; } =
    [
        new("create", "POST", SsfTransmitterHost.ConfigurationPath, """{"delivery":{"method":"urn:ietf:rfc:8936"}}"""),
        .. OnStream,
    ];

    /// <summary>Sends the request for stream <paramref name="streamId"/>.</summary>
    internal Task<HttpResponseMessage> SendAsync(SsfTransmitterHost host, string streamId, string? credential) =>
        host.SendAsync(new HttpMethod(Method), Path.Replace("{id}", streamId, StringComparison.Ordinal), credential, Body?.Replace("{id}", streamId, StringComparison.Ordinal));

    public override string ToString() => Name;
}
