using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Push;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>Fast options, signed SETs and a way to run <see cref="PollClient.RunAsync"/> until something has happened.</summary>
public static class PollClientTestKit
{
    /// <summary>Long enough that nothing in a test times out by accident on a busy machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Short polls with short pauses and backoff, and the HS256 parameters of <see cref="PushSets"/>.</summary>
    public static PollClientOptions Options(FakeTransmitter transmitter, Action<PollClientOptions>? configure = null) =>
        Options(transmitter.Endpoint(), configure);

    public static PollClientOptions Options(PollEndpoint endpoint, Action<PollClientOptions>? configure = null)
    {
        var options = new PollClientOptions
        {
            Endpoint = endpoint,
            ValidationParameters = PushSets.Parameters(),
            ReturnImmediately = true,
            ShortPollInterval = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        return options;
    }

    public static HttpClient NewHttpClient() => PushTestKit.NewHttpClient();

    public static PollClient Client(HttpClient http, PollClientOptions options, ISecurityEventSink sink, ILoggerFactory? logs = null) =>
        new(http, options, sink, loggerFactory: logs);

    /// <summary>A SET of <see cref="PushSets"/>, offered under its own <c>jti</c>.</summary>
    public static (string Key, string Set) Set(string jti) => (jti, PushSets.Token(jti));

    /// <summary>Runs the loop until <paramref name="done"/> holds, then cancels it and waits for it to return.</summary>
    public static async Task RunUntilAsync(PollClient client, Func<bool> done, string because)
    {
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);
        await WaitForAsync(() => done() || run.IsCompleted, because);
        if (run.IsCompleted)
        {
            await run; // throws the loop's failure, if it failed
        }

        stop.Cancel();
        await run.WaitAsync(Patience);
        Assert.That(done(), Is.True, because);
    }

    public static async Task WaitForAsync(Func<bool> condition, string because)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > Patience)
            {
                Assert.Fail("Timed out waiting: " + because);
            }

            await Task.Delay(10);
        }
    }

    /// <summary>The <c>data</c> of a vector from the shared folder.</summary>
    public static JsonElement Vector(string name) => PushTestKit.Vector(name);

    /// <summary>The time between two recorded requests.</summary>
    public static TimeSpan Between(RecordedPoll first, RecordedPoll second) => Stopwatch.GetElapsedTime(first.ReceivedAt, second.ReceivedAt);
}
