using BenchmarkDotNet.Attributes;
using SecEvent.Delivery.Push;

namespace SecEvent.Benchmarks;

/// <summary>
/// Push throughput over loopback: <see cref="PushClient"/> (pipeline, classification, telemetry) against a raw
/// <see cref="HttpClient"/> POST loop to the same Kestrel endpoint, with the same handler, at 1, 8 and 64 SETs in
/// flight. One operation is one delivered SET; goal: at least 0.9× the raw throughput (a time ratio of at most 1.11).
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes, and benchmark classes cannot be sealed.
public class PushBenchmarks
#pragma warning restore CA1001
{
    private const int SetsPerInvoke = 256;

    private LoopbackReceiver _receiver = null!;
    private PushClient _client = null!;
    private PushClient _bare = null!;

    /// <summary>SETs in flight at once.</summary>
    [Params(1, 8, 64)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _receiver = new LoopbackReceiver();
        _client = new PushClient(_receiver.Http);
        _bare = new PushClient(_receiver.Http, new PushClientOptions { PipelineFactory = _ => Polly.ResiliencePipeline<HttpResponseMessage>.Empty });
    }

    [GlobalCleanup]
    public void Cleanup() => _receiver.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = SetsPerInvoke)]
    public Task RawHttpClientPost() => LoopbackReceiver.RunAsync(Concurrency, SetsPerInvoke, _receiver.RawPostAsync);

    [Benchmark(OperationsPerInvoke = SetsPerInvoke)]
    public Task PushClientPush() => LoopbackReceiver.RunAsync(Concurrency, SetsPerInvoke, () => _receiver.PushAsync(_client));

    /// <summary>The client's own work without resilience (an empty pipeline): what the default pipeline costs, by difference.</summary>
    [Benchmark(OperationsPerInvoke = SetsPerInvoke)]
    public Task PushClientNoPipeline() => LoopbackReceiver.RunAsync(Concurrency, SetsPerInvoke, () => _receiver.PushAsync(_bare));
}
