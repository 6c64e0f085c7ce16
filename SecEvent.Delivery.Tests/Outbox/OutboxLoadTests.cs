using System.Collections.Concurrent;
using System.Diagnostics;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Outbox;

/// <summary>
/// Ten thousand SETs through the dispatcher to our receiver behind a front that fails 30% of requests at random:
/// nothing lost, nothing processed twice, and no SET tried again before the <c>Retry-After</c> it was given.
/// </summary>
public class OutboxLoadTests
{
    private const int SetCount = 10_000;

    [Test]
    [CancelAfter(300_000)]
    public async Task Drain_TenThousandSetsThirtyPercentFaults_NoneLostNoneTwiceRetryAfterHonoured(CancellationToken cancellationToken)
    {
        var sink = new RecordingSink();
        var receiver = PushReceiverEndpoint.For(new PushReceiver(PushSets.Options(), sink, PushSets.Clock()));
        var faults = new FaultyFront(receiver, seed: 8935);
        await using var server = await LoopbackServer.StartAsync(faults.HandleAsync);
        var client = OutboxRig.ClientWithoutRetries();
        client.MaxRetryAttempts = 2; // The client rides out some faults itself, the outbox the rest.
        client.MaxRetryAfter = TimeSpan.FromMilliseconds(200); // Retry-After: 1 is left to the outbox.
        using var rig = new OutboxRig(client: client, configure: o => o.MaxConcurrencyPerDestination = 64);
        var jtis = Enumerable.Range(1, SetCount).Select(i => $"load-{i}").ToArray();
        foreach (var chunk in jtis.Chunk(1000))
        {
            await rig.Outbox.EnqueueAsync([.. chunk.Select(j => new OutboxItem(PushSets.Token(j), server.BaseAddress.ToString()))], cancellationToken);
        }

        var watch = Stopwatch.StartNew();
        await rig.DrainAsync(TimeSpan.FromMinutes(4));
        TestContext.Out.WriteLine($"{SetCount} SETs, {faults.Injected} faults, drained in {watch.Elapsed}");

        var accepted = sink.Accepted.Select(t => t.JwtId!).ToArray();
        // Sorted and compared in order: equivalence over ten thousand items would be quadratic.
        accepted.Length.Should().Be(SetCount);
        accepted.Distinct(StringComparer.Ordinal).Count().Should().Be(SetCount, "no SET reaches the sink twice");
        accepted.Order(StringComparer.Ordinal).Should().Equal(jtis.Order(StringComparer.Ordinal), "no SET is lost");
        (await rig.Outbox.GetStatisticsAsync(cancellationToken)).Should().Be(new OutboxStatistics(0, null, 0));
        faults.Injected.Should().BeGreaterThan(SetCount / 5, "the front really failed about 30% of requests");
        faults.RetryAfterGiven.Should().BeGreaterThan(300);
        faults.Undercuts.Should().BeEmpty("no SET came back before its Retry-After");
    }

    /// <summary>Fails 30% of requests (500/502/503/504, a reset, or 429 with <c>Retry-After: 1</c>) and passes the rest on.</summary>
    private sealed class FaultyFront(RequestDelegate next, int seed)
    {
        private static readonly int[] Statuses = [500, 502, 503, 504];
        private readonly Random _random = new(seed);
        private readonly ConcurrentDictionary<string, long> _notBefore = new(StringComparer.Ordinal);
        private int _injected;
        private int _retryAfterGiven;

        public ConcurrentQueue<string> Undercuts { get; } = new();

        public int Injected => Volatile.Read(ref _injected);

        public int RetryAfterGiven => Volatile.Read(ref _retryAfterGiven);

        public async Task HandleAsync(HttpContext context)
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync();
            context.Request.Body.Position = 0;
            var jti = JtiOf(body);
            var arrived = Stopwatch.GetTimestamp();
            if (_notBefore.TryGetValue(jti, out var notBefore) && arrived < notBefore)
            {
                Undercuts.Enqueue(jti);
            }

            int roll;
            lock (_random)
            {
                roll = _random.Next(100);
            }

            if (roll >= 30)
            {
                await next(context);
                return;
            }

            Interlocked.Increment(ref _injected);
            switch (roll % 3)
            {
                case 0:
                    context.Abort(); // The connection is reset mid-request.
                    return;
                case 1:
                    // Recorded before answering, so the earliest allowed retry is measured from no later than the
                    // client's own reading of the response.
                    _notBefore[jti] = arrived + Stopwatch.Frequency;
                    Interlocked.Increment(ref _retryAfterGiven);
                    context.Response.Headers.RetryAfter = "1";
                    context.Response.StatusCode = 429;
                    return;
                default:
                    context.Response.StatusCode = Statuses[roll % Statuses.Length];
                    return;
            }
        }

        private static string JtiOf(string set)
        {
            using var payload = System.Text.Json.JsonDocument.Parse(RawToken.Decode(set.Split('.')[1]));
            return payload.RootElement.GetProperty("jti").GetString()!;
        }
    }
}
