using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens.Tests.Interop;
using static SecEvent.Delivery.Tests.Poll.PollClientTestKit;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// <see cref="PollClient"/> against <see cref="PollTransmitter"/>, both real, over loopback HTTP on the system clock, with
/// the faults a network and a restart cause: at-least-once delivery with exactly-once hand-over to the sink
/// (RFC 8936 §2.4), whatever is lost on the way.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PollEndToEndTests
{
    /// <summary>Longer than any test waits: a hold or a redelivery this long can only mean the behaviour under test failed.</summary>
    private static readonly TimeSpan Forever = TimeSpan.FromMinutes(10);

    [Test]
    public async Task POLL_06_FiveHundredSets_PagedAndAcknowledged_EachReachesTheSinkOnce()
    {
        await using var host = await PollEndToEndHost.StartAsync(new InMemorySecurityEventOutbox(TimeProvider.System));
        var jtis = Enumerable.Range(1, 500).Select(i => $"bulk-{i:D3}").ToArray();
        await host.PublishAsync([.. jtis.Select(jti => PushSets.Token(jti))]);
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, LongPolling(host, o => o.MaxEvents = 100), sink);

        await RunUntilPendingAsync(client, host, 0, "every SET is acknowledged");

        sink.Accepted.Select(t => t.JwtId).Should().BeEquivalentTo(jtis).And.OnlyHaveUniqueItems();
        (await host.Queue.GetStatisticsAsync()).Should().Be(new OutboxStatistics(0, null, 0));
        var pages = host.Exchanges.Where(e => e.Offered.Count > 0).ToList();
        pages.Should().OnlyContain(e => e.Fate == PollExchangeFate.Answered && e.Offered.Count <= 100 && e.MaxEvents == 100);
        pages.Count(e => e.MoreAvailable).Should().BeGreaterThanOrEqualTo(4, "500 SETs at 100 a page take five pages, four announcing more");
        host.Delivered().Should().OnlyHaveUniqueItems("each page was acknowledged long before the redelivery delay");
        host.Exchanges.SelectMany(e => e.Acks).Distinct().Should().BeEquivalentTo(jtis);
    }

    [Test]
    public async Task POLL_09_ClientParkedInALongPoll_WokenByAPublish_SetReachesTheSink()
    {
        // Neither the hold nor the recheck ends within the test: only the wake-up of the enqueue can answer in time.
        var queue = new ObservedPollQueue(new InMemorySecurityEventOutbox(TimeProvider.System));
        await using var host = await PollEndToEndHost.StartAsync(queue, o =>
        {
            o.LongPollTimeout = Forever;
            o.RecheckInterval = Forever;
        });
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, LongPolling(host, o => o.AttemptTimeout = Forever + Forever), sink);
        await using var running = Running.Start(client);

        await queue.WaitForEmptyLeaseAsync();
        await host.PublishAsync([PushSets.Token("woken")]);
        await running.WaitForAsync(() => sink.Accepted.Count == 1, "the parked poll is answered with the SET");
        await running.StopAsync();

        sink.Accepted.Single().JwtId.Should().Be("woken");
        host.Exchanges.First(e => e.Offered.Count > 0).Number.Should().Be(1, "the request parked before the publish carried the SET");
        (await host.PendingAsync()).Should().Be(0);
    }

    [Test]
    public async Task POLL_08_SetSignedWithAnotherKey_ReportedAsInvalidKeyAndDeadLettered_ValidOnesAcknowledged()
    {
        await using var host = await PollEndToEndHost.StartAsync(new InMemorySecurityEventOutbox(TimeProvider.System));
        await host.PublishAsync([PushSets.Token("good-1"), PushSets.Token("forged", key: PushSets.OtherKey), PushSets.Token("good-2")]);
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, LongPolling(host), sink);

        await RunUntilPendingAsync(client, host, 0, "the valid SETs are acknowledged and the forged one reported");

        sink.Accepted.Select(t => t.JwtId).Should().Equal("good-1", "good-2");
        // The first report; the final acknowledge-only request repeats it when the poll that carried it was still held.
        var report = host.Exchanges.First(e => e.SetErrs.Count > 0);
        report.SetErrs.Should().Equal(new Dictionary<string, string> { ["forged"] = "invalid_key" });
        report.ContentLanguage.Should().Be("en", "a request carrying setErrs names the language of its descriptions (POLL-11)");
        report.Acks.Should().BeEquivalentTo(["good-1", "good-2"], "the valid SETs of the batch are acknowledged in the same request");
        var dead = (await host.Queue.ListDeadLettersAsync(10)).Should().ContainSingle().Subject;
        dead.Jti.Should().Be("forged");
        dead.Reason.Should().StartWith("invalid_key: ");
        host.ReportedErrors.Should().NotBeEmpty().And.OnlyContain(r =>
            r.Stream == PollEndToEndHost.DefaultStream && r.Errors.Count == 1 && r.Errors["forged"].Code == "invalid_key");
    }

    [Test]
    public async Task POLL_04_ResponseLostAfterTheSetsWereLeased_OfferedAgainAfterTheRedeliveryDelay_SunkOnce()
    {
        await using var host = await PollEndToEndHost.StartAsync(new InMemorySecurityEventOutbox(TimeProvider.System), o => o.RedeliveryDelay = TimeSpan.FromSeconds(1));
        var jtis = new[] { "lost-1", "lost-2", "lost-3", "lost-4", "lost-5" };
        host.LoseResponses(1);
        await host.PublishAsync([.. jtis.Select(jti => PushSets.Token(jti))]);
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, LongPolling(host), sink);

        await RunUntilPendingAsync(client, host, 0, "the SETs of the lost response come again and are acknowledged");

        host.Exchanges.Should().ContainSingle(e => e.Fate == PollExchangeFate.Lost).Which.Offered.Should().Equal(jtis);
        host.Delivered().Should().Contain(jtis, "the SETs were offered again once their lease ended");
        sink.Accepted.Select(t => t.JwtId).Should().BeEquivalentTo(jtis).And.OnlyHaveUniqueItems();
        (await host.Queue.ListDeadLettersAsync(10)).Should().BeEmpty();
    }

    [Test]
    public async Task POLL_05_ClientStoppedBeforeItsAcknowledgementsArrived_NextClientOnTheSameReplayFileAcknowledgesWithoutSinkingAgain()
    {
        var files = new TempDatabase();
        try
        {
            var replayFile = files.NewPath();
            await using var host = await PollEndToEndHost.StartAsync(new InMemorySecurityEventOutbox(TimeProvider.System), o => o.RedeliveryDelay = TimeSpan.FromSeconds(1));
            var jtis = new[] { "kept-1", "kept-2", "kept-3", "kept-4", "kept-5" };
            await host.PublishAsync([.. jtis.Select(jti => PushSets.Token(jti))]);
            var sink = new RecordingSink();

            // Client 1 takes the SETs into its sink, but every request that would acknowledge them is cut off.
            host.DropAcknowledgements = true;
            await using (var replay = await SqliteSecurityEventReplayStore.OpenAsync(replayFile))
            {
                using var http = NewHttpClient();
                var first = Client(http, LongPolling(host, o => o.ReplayStore = replay), sink);
                await using var running = Running.Start(first);
                await running.WaitForAsync(() => sink.Accepted.Count == jtis.Length, "client 1 sinks every SET");
                await running.WaitForAsync(() => host.Exchanges.Any(e => e.Fate == PollExchangeFate.Dropped), "client 1 tried to acknowledge");
                await running.StopAsync();
            }

            (await host.PendingAsync()).Should().Be(jtis.Length, "no acknowledgement of client 1 reached the transmitter");
            host.Exchanges.Should().NotContain(e => e.Fate != PollExchangeFate.Dropped && e.CarriesAcknowledgements);

            // Client 2 remembers, through the file, what client 1 sank: it acknowledges the SETs offered again.
            host.DropAcknowledgements = false;
            var offeredBefore = host.Delivered().Count;
            await using (var replay = await SqliteSecurityEventReplayStore.OpenAsync(replayFile))
            {
                using var http = NewHttpClient();
                var second = Client(http, LongPolling(host, o => o.ReplayStore = replay), sink);
                await RunUntilPendingAsync(second, host, 0, "client 2 acknowledges the SETs offered again");
            }

            host.Delivered().Skip(offeredBefore).Should().Contain(jtis, "the SETs were offered to client 2 after the redelivery delay");
            sink.Accepted.Select(t => t.JwtId).Should().BeEquivalentTo(jtis).And.OnlyHaveUniqueItems("client 2 acknowledged what client 1 had sunk");
            host.Exchanges.Where(e => e.Fate == PollExchangeFate.Answered).SelectMany(e => e.Acks).Should().Contain(jtis);
        }
        finally
        {
            files.Clear();
        }
    }

    [Test]
    public async Task POLL_04_TransmitterRestartedOnItsSqliteFile_UnacknowledgedSetsOfferedAgain_AcknowledgedOnesNever()
    {
        var files = new TempDatabase();
        try
        {
            var outboxFile = files.NewPath();
            var replay = new InMemorySecurityEventReplayStore();
            var sink = new RecordingSink();
            var acknowledged = new[] { "before-1", "before-2", "before-3" };
            var unacknowledged = new[] { "cut-1", "cut-2", "cut-3" };

            // The redelivery delay outlasts the test: only the restart, which forgets the leases, can offer a SET again.
            await using (var host = await PollEndToEndHost.StartAsync(await SqliteSecurityEventOutbox.OpenExclusiveAsync(outboxFile), o => o.RedeliveryDelay = Forever))
            {
                await host.PublishAsync([.. acknowledged.Select(jti => PushSets.Token(jti))]);
                using var http = NewHttpClient();
                var client = Client(http, LongPolling(host, o => o.ReplayStore = replay), sink);
                await using var running = Running.Start(client);
                await running.WaitForPendingAsync(host, 0, "the first SETs are acknowledged");

                host.DropAcknowledgements = true;
                await host.PublishAsync([.. unacknowledged.Select(jti => PushSets.Token(jti))]);
                await running.WaitForAsync(() => sink.Accepted.Count == 6, "the later SETs are sunk, their acknowledgements cut off");
                await running.StopAsync();
                (await host.PendingAsync()).Should().Be(3);
            }

            await using (var host = await PollEndToEndHost.StartAsync(await SqliteSecurityEventOutbox.OpenExclusiveAsync(outboxFile), o => o.RedeliveryDelay = Forever))
            {
                (await host.PendingAsync()).Should().Be(3, "the file kept the unacknowledged SETs");
                using var http = NewHttpClient();
                var client = Client(http, LongPolling(host, o => o.ReplayStore = replay), sink);
                await RunUntilPendingAsync(client, host, 0, "the restarted transmitter offers the unacknowledged SETs, which are acknowledged");

                host.Delivered().Should().BeEquivalentTo(unacknowledged, "acknowledged SETs are gone for good");
                (await host.Queue.GetStatisticsAsync()).Should().Be(new OutboxStatistics(0, null, 0));
            }

            sink.Accepted.Select(t => t.JwtId).Should().BeEquivalentTo(acknowledged.Concat(unacknowledged)).And.OnlyHaveUniqueItems();
        }
        finally
        {
            files.Clear();
        }
    }

    [Test]
    public async Task POLL_04_TransmitterRestartedWhileTheClientPolls_ClientReconnectsAndTheQueueEmpties()
    {
        var files = new TempDatabase();
        try
        {
            var outboxFile = files.NewPath();
            var sink = new RecordingSink();
            var host = await PollEndToEndHost.StartAsync(await SqliteSecurityEventOutbox.OpenExclusiveAsync(outboxFile), o => o.RedeliveryDelay = Forever);
            try
            {
                await host.PublishAsync([PushSets.Token("first")]);
                using var http = NewHttpClient();
                var client = Client(http, LongPolling(host, o => o.AttemptTimeout = TimeSpan.FromSeconds(20)), sink);
                await using var running = Running.Start(client);
                await running.WaitForPendingAsync(host, 0, "the first SET is acknowledged");

                // Offered, then the transmitter goes down before the acknowledgement arrives; it comes back on the same
                // port and file, and the running client carries on.
                host.DropAcknowledgements = true;
                await host.PublishAsync([PushSets.Token("second")]);
                await running.WaitForAsync(() => sink.Accepted.Count == 2, "the second SET is sunk");
                var port = host.BaseAddress.Port;
                await host.DisposeAsync();
                host = await PollEndToEndHost.StartAsync(await SqliteSecurityEventOutbox.OpenExclusiveAsync(outboxFile), o => o.RedeliveryDelay = Forever, port);
                await host.PublishAsync([PushSets.Token("third")]);

                await running.WaitForPendingAsync(host, 0, "the restarted transmitter hears the acknowledgements and serves the new SET");
                await running.StopAsync();
            }
            finally
            {
                await host.DisposeAsync();
            }

            sink.Accepted.Select(t => t.JwtId).Should().Equal("first", "second", "third");
        }
        finally
        {
            files.Clear();
        }
    }

    [Test]
    public async Task POLL_07_RunAsyncCancelled_FinalAcknowledgeOnlyRequestAnsweredAtOnceAndApplied()
    {
        // Holds of ten minutes on both sides: a final request that were held would keep RunAsync from returning in time.
        await using var host = await PollEndToEndHost.StartAsync(new InMemorySecurityEventOutbox(TimeProvider.System), o =>
        {
            o.LongPollTimeout = Forever;
            o.RecheckInterval = Forever;
        });
        var jtis = new[] { "stop-1", "stop-2", "stop-3" };
        await host.PublishAsync([.. jtis.Select(jti => PushSets.Token(jti))]);
        using var stop = new CancellationTokenSource();
        var sink = new RecordingSink();
        sink.During = _ =>
        {
            if (sink.Calls == jtis.Length)
            {
                stop.Cancel();
            }
        };
        using var http = NewHttpClient();
        var client = Client(http, LongPolling(host, o =>
        {
            o.AttemptTimeout = Forever + Forever;
            o.FinalAcknowledgeTimeout = Forever;
        }), sink);

        var run = client.RunAsync(stop.Token);
        await run.WaitAsync(TimeSpan.FromSeconds(60));

        sink.Accepted.Select(t => t.JwtId).Should().Equal(jtis);
        host.Exchanges.Should().HaveCount(2, "one poll brought the SETs and one request acknowledged them");
        var final = host.Exchanges.Last();
        final.IsAcknowledgeOnly.Should().BeTrue("maxEvents 0 with returnImmediately true (POLL-07): {0}", final.RequestBody);
        final.Fate.Should().Be(PollExchangeFate.Answered);
        final.Status.Should().Be(200);
        final.Acks.Should().Equal(jtis);
        (await host.PendingAsync()).Should().Be(0);
    }

    [TestCase("ES256")]
    [TestCase("PS256")]
    public async Task POLL_01_SetsSignedByJose_PublishedToOurTransmitter_PolledAndAcknowledged(string alg)
    {
        var generated = (await JoseBridge.RunAsync([new { op = "generate", alg }]))[0];
        var jtis = Enumerable.Range(1, 3).Select(i => $"jose-e2e-{alg}-{i}").ToArray();
        var signed = await JoseBridge.RunAsync([.. jtis.Select(jti => (object)new
        {
            op = "sign",
            alg,
            jwk = generated.GetProperty("privateJwk"),
            typ = "secevent+jwt",
            payload = JsonElement.Parse(PushSets.Payload(jti)),
        })]);
        await using var host = await PollEndToEndHost.StartAsync(new InMemorySecurityEventOutbox(TimeProvider.System));
        await host.PublishAsync([.. signed.Select(s => s.GetProperty("token").GetString()!)]);
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, LongPolling(host, o =>
        {
            o.ValidationParameters.SigningKeys = [new JsonWebKey(generated.GetProperty("publicJwk").GetRawText())];
            o.ValidationParameters.ValidAlgorithms = [alg];
        }), sink);

        await RunUntilPendingAsync(client, host, 0, "the jose-signed SETs are acknowledged");

        sink.Accepted.Select(t => t.JwtId).Should().BeEquivalentTo(jtis).And.OnlyHaveUniqueItems();
        sink.Accepted.Should().OnlyContain(t => t.Algorithm == alg);
        host.Exchanges.Should().NotContain(e => e.SetErrs.Count > 0);
        (await host.Queue.ListDeadLettersAsync(10)).Should().BeEmpty();
    }

    /// <summary>Long polls (the default) against <paramref name="host"/>, with a request timeout longer than its hold.</summary>
    private static PollClientOptions LongPolling(PollEndToEndHost host, Action<PollClientOptions>? configure = null) =>
        Options(host.Endpoint(), o =>
        {
            o.ReturnImmediately = false;
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            configure?.Invoke(o);
        });

    /// <summary>Runs the client until <paramref name="pending"/> SETs are pending at the host, then stops it.</summary>
    private static async Task RunUntilPendingAsync(PollClient client, PollEndToEndHost host, long pending, string because)
    {
        await using var running = Running.Start(client);
        await running.WaitForPendingAsync(host, pending, because);
        await running.StopAsync();
    }

    /// <summary><see cref="PollClient.RunAsync"/> in the background; a wait fails at once when the loop ends early.</summary>
    private sealed class Running : IAsyncDisposable
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        public static Running Start(PollClient client)
        {
            var running = new Running();
            running._run = client.RunAsync(running._stop.Token);
            return running;
        }

        public Task WaitForAsync(Func<bool> condition, string because) => WaitForAsync(() => Task.FromResult(condition()), because);

        public Task WaitForPendingAsync(PollEndToEndHost host, long pending, string because) =>
            WaitForAsync(async () => await host.PendingAsync() == pending, because);

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(Timeout);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested)
            {
                await _stop.CancelAsync();
                await _run.WaitAsync(Timeout).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            _stop.Dispose();
        }

        private async Task WaitForAsync(Func<Task<bool>> condition, string because)
        {
            var started = Stopwatch.GetTimestamp();
            while (!await condition())
            {
                if (_run.IsCompleted)
                {
                    await _run;
                    Assert.Fail("The poll loop ended before: " + because);
                }

                if (Stopwatch.GetElapsedTime(started) > Timeout)
                {
                    Assert.Fail("Timed out waiting: " + because);
                }

                await Task.Delay(20);
            }
        }
    }
}
