using Microsoft.Extensions.Logging;
using Polly;

namespace SecEvent.Delivery.Push;

/// <summary>What one <see cref="PushClient.PushAsync"/> carries through its pipeline: the request to repeat and the tally.</summary>
internal sealed class PushContext(HttpClient httpClient, PushEndpoint endpoint, byte[] body, string set, int maxErrorBodyBytes, ILogger logger)
{
    /// <summary>Where the default pipeline's callbacks find this push, for logs.</summary>
    public static readonly ResiliencePropertyKey<PushContext> Key = new("SecEvent.Delivery.Push");

    public HttpClient HttpClient { get; } = httpClient;

    public PushEndpoint Endpoint { get; } = endpoint;

    public byte[] Body { get; } = body;

    private string? _jti;
    private bool _jtiRead;

    /// <summary>The SET's <c>jti</c>, read on first use: only logs and traces need it, and reading it costs a decode.</summary>
    public string? Jti
    {
        get
        {
            if (!_jtiRead)
            {
                (_jti, _jtiRead) = (JtiReader.TryRead(set), true);
            }

            return _jti;
        }
    }

    public int MaxErrorBodyBytes { get; } = maxErrorBodyBytes;

    public ILogger Logger { get; } = logger;

    /// <summary>HTTP requests sent so far; the pipeline may run the callback concurrently only with hedging, which is not used.</summary>
    public int Attempts { get; set; }
}
