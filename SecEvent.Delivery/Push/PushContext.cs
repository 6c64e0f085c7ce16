using Microsoft.Extensions.Logging;
using Polly;

namespace SecEvent.Delivery.Push;

/// <summary>What one <see cref="PushClient.PushAsync"/> carries through its pipeline: the request to repeat and the tally.</summary>
internal sealed class PushContext(HttpClient httpClient, PushEndpoint endpoint, byte[] body, string? jti, int maxErrorBodyBytes, ILogger logger)
{
    /// <summary>Where the default pipeline's callbacks find this push, for logs.</summary>
    public static readonly ResiliencePropertyKey<PushContext> Key = new("SecEvent.Delivery.Push");

    public HttpClient HttpClient { get; } = httpClient;

    public PushEndpoint Endpoint { get; } = endpoint;

    public byte[] Body { get; } = body;

    public string? Jti { get; } = jti;

    public int MaxErrorBodyBytes { get; } = maxErrorBodyBytes;

    public ILogger Logger { get; } = logger;

    /// <summary>HTTP requests sent so far; the pipeline may run the callback concurrently only with hedging, which is not used.</summary>
    public int Attempts { get; set; }
}
