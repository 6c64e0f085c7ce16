using BenchmarkDotNet.Attributes;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Sqlite;

namespace SecEvent.Benchmarks;

/// <summary>
/// Assured delivery's price: SETs enqueued in one batch and drained by the <see cref="OutboxDispatcher"/> to a loopback
/// endpoint that answers 202, through the in-memory outbox and through the SQLite one, against the raw
/// <see cref="HttpClient"/> POST loop at 64 in flight. One operation is one delivered SET. Goals: at least 0.85× the raw
/// throughput in memory (a time ratio of at most 1.18), at least 0.5× with SQLite (at most 2.0).
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes, and benchmark classes cannot be sealed.
public class OutboxBenchmarks
#pragma warning restore CA1001
{
    private const int SetsPerInvoke = 1024;
    private const int Concurrency = 64;

    private LoopbackReceiver _receiver = null!;
    private PushClient _client = null!;
    private OutboxItem[] _items = null!;
    private InMemorySecurityEventOutbox _memory = null!;
    private OutboxDispatcher _memoryDispatcher = null!;
    private SqliteSecurityEventOutbox _sqlite = null!;
    private OutboxDispatcher _sqliteDispatcher = null!;
    private string _sqlitePath = null!;

    [GlobalSetup]
    public void Setup()
    {
        _receiver = new LoopbackReceiver();
        _client = new PushClient(_receiver.Http);
        _items = [.. Enumerable.Range(0, SetsPerInvoke).Select(_ => new OutboxItem(LoopbackReceiver.Set, "receiver"))];
        var endpoint = _receiver.Endpoint;
        var options = new OutboxDispatcherOptions
        {
            ResolveEndpoint = (_, _) => ValueTask.FromResult<PushEndpoint?>(endpoint),
            MaxConcurrency = Concurrency,
            MaxConcurrencyPerDestination = Concurrency,
        };
        _memory = new InMemorySecurityEventOutbox();
        _memoryDispatcher = new OutboxDispatcher(_memory, _client, options);
        _sqlitePath = Path.Combine(Path.GetTempPath(), $"secevent-bench-{Guid.NewGuid():N}.db");
        _sqlite = SqliteSecurityEventOutbox.OpenExclusiveAsync(_sqlitePath).GetAwaiter().GetResult();
        _sqliteDispatcher = new OutboxDispatcher(_sqlite, _client, options);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite.Dispose();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_sqlitePath)!, Path.GetFileName(_sqlitePath) + "*"))
        {
            File.Delete(file);
        }

        _receiver.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SetsPerInvoke)]
    public Task RawHttpClientPost() => LoopbackReceiver.RunAsync(Concurrency, SetsPerInvoke, _receiver.RawPostAsync);

    /// <summary>The push client alone in the same 64-worker loop: what the outbox adds, by difference.</summary>
    [Benchmark(OperationsPerInvoke = SetsPerInvoke)]
    public Task PushClientLoop() => LoopbackReceiver.RunAsync(Concurrency, SetsPerInvoke, () => _receiver.PushAsync(_client));

    [Benchmark(OperationsPerInvoke = SetsPerInvoke)]
    public async Task InMemoryOutbox()
    {
        await _memory.EnqueueAsync(_items);
        await _memoryDispatcher.DrainAsync();
    }

    [Benchmark(OperationsPerInvoke = SetsPerInvoke)]
    public async Task SqliteOutbox()
    {
        await _sqlite.EnqueueAsync(_items);
        await _sqliteDispatcher.DrainAsync();
    }
}
