using Microsoft.Extensions.Logging;
using Polly;

namespace SecEvent.Delivery.Push;

/// <summary>What one <see cref="PushClient.PushAsync"/> carries through its pipeline: the request to repeat and the tally.</summary>
internal sealed class PushContext(HttpClient httpClient, PushEndpoint endpoint, byte[] body, string set, int maxErrorBodyBytes, string? acceptLanguage, ILogger logger, long started)
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

    /// <summary>The <c>Accept-Language</c> to send, checked when the options were.</summary>
    public string? AcceptLanguage { get; } = acceptLanguage;

    public ILogger Logger { get; } = logger;

    /// <summary>The <see cref="TimeProvider"/> timestamp at which the push began: the total timeout counts from here.</summary>
    public long Started { get; } = started;

    /// <summary>HTTP requests sent so far; the pipeline may run the callback concurrently only with hedging, which is not used.</summary>
    public int Attempts { get; set; }

    /// <summary>Retries of transient failures so far.</summary>
    public int TransientRetries { get; set; }

    /// <summary>Retries of retryable rejections (<c>invalid_key</c>, <c>access_denied</c>) so far.</summary>
    public int RejectionRetries { get; set; }

    /// <summary>The delay <see cref="PushRetryPolicy"/> chose for the retry it just allowed.</summary>
    public TimeSpan NextDelay { get; set; }

    /// <summary>When the last response's <c>Retry-After</c> allows another attempt; <see langword="null"/> when it had none.</summary>
    public DateTimeOffset? RetryAfter { get; set; }
}
