using BenchmarkDotNet.Attributes;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;

namespace SecEvent.Benchmarks;

/// <summary>
/// Poll delivery end to end (RFC 8936) beside push on the same loopback: each SET is signed (ES256), handed to the
/// transmitter, carried to the recipient, validated, kept and acknowledged. Poll: published in one batch, then fetched by
/// one poll client asking for <see cref="MaxEvents"/> per request, every request acknowledging the previous batch. Push:
/// pushed to a <see cref="PushReceiver"/> that validates it, one at a time and 64 in flight. One operation is one SET.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes, and benchmark classes cannot be sealed.
public class PollBenchmarks
#pragma warning restore CA1001
{
    private const int SetsPerInvoke = 1000;

    private PollLoopback _loopback = null!;
    private PollClient _poller = null!;
    private PushClient _pusher = null!;

    /// <summary>The poll request's <c>maxEvents</c>.</summary>
    [Params(1, 100, 1000)]
    public int MaxEvents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _loopback = new PollLoopback();
        _poller = _loopback.NewPollClient(MaxEvents, returnImmediately: true);
        _pusher = new PushClient(_loopback.Http);
    }

    [GlobalCleanup]
    public void Cleanup() => _loopback.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = SetsPerInvoke)]
    public Task Push64InFlight() => LoopbackReceiver.RunAsync(64, SetsPerInvoke, PushOneAsync);

    [Benchmark(OperationsPerInvoke = SetsPerInvoke)]
    public Task PushOneAtATime() => LoopbackReceiver.RunAsync(1, SetsPerInvoke, PushOneAsync);

    [Benchmark(OperationsPerInvoke = SetsPerInvoke)]
    public async Task Poll()
    {
        var sets = new string[SetsPerInvoke];
        for (var i = 0; i < sets.Length; i++)
        {
            sets[i] = _loopback.Sign();
        }

        await _loopback.Transmitter.PublishAsync(PollLoopback.Stream, sets);
        var received = 0;
        while (received < SetsPerInvoke)
        {
            received += (await _poller.PollOnceAsync()).Accepted;
        }

        // The last batch is acknowledged on its own, as a recipient stopping does (RFC 8936 §2.4.2).
        await _poller.AcknowledgeAsync();
    }

    private async Task PushOneAsync()
    {
        var result = await _pusher.PushAsync(_loopback.Sign(), _loopback.PushEndpoint);
        if (!result.IsDelivered)
        {
            throw new InvalidOperationException(result.ToString());
        }
    }
}
