using System.Collections.Concurrent;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Tests.Outbox;

/// <summary>A dispatcher wired for tests: fast retries, destinations that are loopback URLs, settlements recorded.</summary>
public sealed class OutboxRig : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 256 }) { Timeout = Timeout.InfiniteTimeSpan };

    public OutboxRig(ISecurityEventOutbox? outbox = null, PushClientOptions? client = null, Action<OutboxDispatcherOptions>? configure = null)
    {
        Outbox = outbox ?? new InMemorySecurityEventOutbox();
        ClientOptions = client ?? ClientWithoutRetries();
        Client = new PushClient(_http, ClientOptions);
        Options = new OutboxDispatcherOptions
        {
            ResolveEndpoint = (destination, _) => ValueTask.FromResult<PushEndpoint?>(new PushEndpoint(new Uri(destination)) { AllowHttp = true }),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(100),
            IdlePollInterval = TimeSpan.FromMilliseconds(200),
            LeaseDuration = ClientOptions.TotalTimeout + TimeSpan.FromSeconds(5),
            MaxAge = TimeSpan.FromMinutes(5),
            Settled = Settlements.Enqueue,
        };
        configure?.Invoke(Options);
        Dispatcher = new OutboxDispatcher(Outbox, Client, Options);
    }

    public ISecurityEventOutbox Outbox { get; }

    public PushClientOptions ClientOptions { get; }

    public PushClient Client { get; }

    public OutboxDispatcherOptions Options { get; }

    public OutboxDispatcher Dispatcher { get; }

    public ConcurrentQueue<OutboxSettlement> Settlements { get; } = new();

    /// <summary>Push client options that try once, so that every retry is the outbox's.</summary>
    public static PushClientOptions ClientWithoutRetries()
    {
        var options = Push.PushTestKit.FastOptions();
        options.MaxRetryAttempts = 0;
        options.RejectionRetryAttempts = 0;
        options.TotalTimeout = TimeSpan.FromSeconds(5);
        return options;
    }

    public async Task<IReadOnlyList<long>> EnqueueAsync(Uri destination, params string[] sets) =>
        await Outbox.EnqueueAsync([.. sets.Select(s => new OutboxItem(s, destination.ToString()))]);

    /// <summary>Drains the outbox, failing the test rather than hanging it.</summary>
    public async Task DrainAsync(TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(60));
        await Dispatcher.DrainAsync(timeout.Token);
    }

    public int Count(OutboxSettlementKind kind) => Settlements.Count(s => s.Kind == kind);

    public void Dispose() => _http.Dispose();
}
