namespace SecEvent.Delivery.Ssf;

/// <summary>A management request the transmitter refuses: the status to answer, an error code and a description for the receiver.</summary>
internal sealed class SsfRequestRefusedException(int statusCode, string error, string description, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    : Exception(description)
{
    public int StatusCode { get; } = statusCode;

    public string Error { get; } = error;

    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; } = headers;

    public static SsfRequestRefusedException BadRequest(string description) => new(400, "invalid_request", description);

    public static SsfRequestRefusedException NotFound() => new(404, "not_found", "No such stream.");

    public static SsfRequestRefusedException Forbidden() => new(403, "access_denied", "The stream belongs to another receiver.");
}
