using System.Diagnostics;

namespace SecEvent.Benchmarks;

/// <summary>
/// How soon a long-polling recipient has a SET after the transmitter is handed it (RFC 8936 §2.5, POLL-09): a poll client
/// waits in a long poll; a SET is published; the time until the client's sink holds it is one sample. Not a
/// BenchmarkDotNet benchmark: it reports percentiles of single events, and needs the poll to be parked between samples.
/// </summary>
internal static class PollWakeUpLatency
{
    public const string Switch = "--poll-wake-up";

    public static async Task RunAsync(int samples = 1000)
    {
        using var loopback = new PollLoopback();
        var arrived = new SemaphoreSlim(0);
        var client = loopback.NewPollClient(100, returnImmediately: false, (_, _) =>
        {
            arrived.Release();
            return ValueTask.CompletedTask;
        });
        using var stop = new CancellationTokenSource();
        var polling = client.RunAsync(stop.Token);
        var latencies = new List<double>(samples);
        for (var i = -50; i < samples; i++)
        {
            var set = loopback.Sign();

            // Long enough for the client to acknowledge the last SET and be held in its next long poll again.
            await Task.Delay(20);
            var started = Stopwatch.GetTimestamp();
            await loopback.Transmitter.PublishAsync(PollLoopback.Stream, [set]);
            await arrived.WaitAsync();
            if (i >= 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds); // The first 50 warm up.
            }
        }

        await stop.CancelAsync();
        await polling;
        latencies.Sort();
        double At(double p) => latencies[(int)Math.Ceiling(p * latencies.Count) - 1];
        Console.WriteLine($"long-poll wake-up over loopback, {samples} samples (publish to sink, including one validation):");
        Console.WriteLine($"p50 {At(0.50):F2} ms, p90 {At(0.90):F2} ms, p99 {At(0.99):F2} ms, max {latencies[^1]:F2} ms");
    }
}
