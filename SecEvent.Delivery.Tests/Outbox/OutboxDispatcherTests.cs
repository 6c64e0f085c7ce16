using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Push;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Tests.Outbox;

/// <summary>The dispatcher against real Kestrel recipients: what becomes of each SET, and when it is tried again.</summary>
public partial class OutboxDispatcherTests
{
    [Test]
    public async Task Drain_SetsToOurReceiver_EachDeliveredOnceAndGoneFromTheOutbox()
    {
        var sink = new RecordingSink();
        await using var server = await LoopbackServer.StartAsync(PushReceiverEndpoint.For(new PushReceiver(PushSets.Options(), sink, PushSets.Clock())));
        using var rig = new OutboxRig();
        var jtis = Enumerable.Range(1, 50).Select(i => $"drain-{i}").ToArray();
        await rig.EnqueueAsync(server.BaseAddress, [.. jtis.Select(j => PushSets.Token(j))]);

        await rig.DrainAsync();

        sink.Accepted.Select(t => t.JwtId).Should().BeEquivalentTo(jtis);
        rig.Count(OutboxSettlementKind.Delivered).Should().Be(50);
        rig.Settlements.Should().OnlyContain(s => s.Attempt!.Outcome == PushOutcome.Delivered && s.Attempt.StatusCode == 202);
        (await rig.Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(0, null, 0));
    }

    [Test]
    public async Task Drain_RecipientRejects_DeadLetteredWithErrAndDescriptionNotRetriedPUSH14()
    {
        var sink = new RecordingSink();
        await using var server = await LoopbackServer.StartAsync(PushReceiverEndpoint.For(new PushReceiver(PushSets.Options(), sink, PushSets.Clock())));
        using var rig = new OutboxRig();
        var set = PushSets.Token("rejected-1", key: PushSets.OtherKey);
        var id = (await rig.EnqueueAsync(server.BaseAddress, set))[0];

        await rig.DrainAsync();

        var dead = await rig.Outbox.GetDeadLetterAsync(id);
        dead.Should().NotBeNull();
        dead!.Jti.Should().Be("rejected-1");
        dead.Reason.Should().StartWith(SecurityEventErrorCodes.InvalidKey + ": ");
        dead.Attempts.Should().ContainSingle().Which.Should().Match<OutboxAttempt>(a =>
            a.Outcome == PushOutcome.Rejected && a.StatusCode == 400 && a.ErrorCode == SecurityEventErrorCodes.InvalidKey);
        dead.Set.Should().Be(set);
        dead.ToString().Should().Contain("rejected-1").And.NotContain(set);
        sink.Calls.Should().Be(0);
        (await rig.Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(0, null, 1));
    }

    [Test]
    public async Task Drain_RecipientDownThenUp_RetriedByTheOutboxUntilDeliveredPUSH06()
    {
        var address = LoopbackServer.RefusingAddress();
        using var rig = new OutboxRig();
        await rig.EnqueueAsync(address, PushTestKit.Set);
        var draining = rig.DrainAsync();
        await WaitUntilAsync(() => rig.Count(OutboxSettlementKind.Retry) >= 2);

        await using var recipient = await ScriptedRecipient.StartAsync((context, _) => PushTestKit.RespondAsync(context, 202), address);
        await draining;

        recipient.Requests.Should().ContainSingle().Which.Body.Should().Be(PushTestKit.Set);
        var retries = rig.Settlements.Where(s => s.Kind == OutboxSettlementKind.Retry).ToArray();
        retries.Should().OnlyContain(s => s.Attempt!.Cause!.StartsWith("HttpRequestException", StringComparison.Ordinal) && s.NextAttemptAt > s.Attempt.At);
        retries.Select(s => s.Message.Attempts).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("each retry counts one more attempt");
        rig.Count(OutboxSettlementKind.Delivered).Should().Be(1);
    }

    [TestCase(503)]
    [TestCase(429)]
    public async Task Drain_RetryAfterLongerThanTheClientWaits_OutboxWaitsAtLeastThatLongPUSH06(int status)
    {
        var arrivals = new List<long>();
        await using var recipient = await ScriptedRecipient.StartAsync((context, n) =>
        {
            lock (arrivals)
            {
                arrivals.Add(Stopwatch.GetTimestamp());
            }

            return PushTestKit.RetryAfterThenAccepted(status, "2")(context, n);
        });
        var client = OutboxRig.ClientWithoutRetries();
        client.MaxRetryAfter = TimeSpan.FromMilliseconds(100);
        using var rig = new OutboxRig(client: client);
        await rig.EnqueueAsync(recipient.Server.BaseAddress, PushTestKit.Set);

        await rig.DrainAsync();

        arrivals.Should().HaveCount(2);
        Stopwatch.GetElapsedTime(arrivals[0], arrivals[1]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2), "Retry-After is never undercut");
        var retry = rig.Settlements.Single(s => s.Kind == OutboxSettlementKind.Retry);
        (retry.NextAttemptAt - retry.Attempt!.At).Should().BeGreaterThan(TimeSpan.FromSeconds(1.9));
    }

    [Test]
    public async Task Drain_RecipientFailsPastTheMaximumAge_DeadLetteredWithTheLastCause()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((context, _) => PushTestKit.RespondAsync(context, 503));
        using var rig = new OutboxRig(configure: o => o.MaxAge = TimeSpan.FromMilliseconds(400));
        var id = (await rig.EnqueueAsync(recipient.Server.BaseAddress, PushTestKit.Set))[0];

        await rig.DrainAsync();

        var dead = await rig.Outbox.GetDeadLetterAsync(id);
        dead!.Reason.Should().Contain("maximum age").And.EndWith("HTTP 503");
        dead.Attempts.Should().HaveCountGreaterThan(2).And.OnlyContain(a => a.Outcome == PushOutcome.Failed && a.StatusCode == 503);
        dead.AttemptCount.Should().Be(recipient.Count);
        (dead.DeadAt - dead.EnqueuedAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400));
    }

    [Test]
    public async Task Drain_RetryAfterPastTheMaximumAge_DeadLetteredAtOnceRatherThanTriedEarly()
    {
        await using var recipient = await ScriptedRecipient.StartAsync(PushTestKit.RetryAfterThenAccepted(503, "3600"));
        var client = OutboxRig.ClientWithoutRetries();
        client.MaxRetryAfter = TimeSpan.FromSeconds(1);
        using var rig = new OutboxRig(client: client, configure: o => o.MaxAge = TimeSpan.FromMinutes(10));
        var id = (await rig.EnqueueAsync(recipient.Server.BaseAddress, PushTestKit.Set))[0];

        await rig.DrainAsync();

        recipient.Count.Should().Be(1);
        (await rig.Outbox.GetDeadLetterAsync(id))!.Reason.Should().Contain("Retry-After").And.Contain("maximum age");
    }

    [Test]
    public async Task Drain_DestinationWithoutEndpoint_DeadLetteredWithoutAPush()
    {
        using var rig = new OutboxRig(configure: o => o.ResolveEndpoint = (_, _) => ValueTask.FromResult<PushEndpoint?>(null));
        var id = (await rig.Outbox.EnqueueAsync([new OutboxItem(PushTestKit.Set, "stream-gone")]))[0];

        await rig.DrainAsync();

        var dead = await rig.Outbox.GetDeadLetterAsync(id);
        dead!.Reason.Should().Contain("stream-gone");
        dead.AttemptCount.Should().Be(0);
    }

    [Test]
    public async Task Drain_ResolverThrowsThenRecovers_RetriedAndDelivered()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((context, _) => PushTestKit.RespondAsync(context, 202));
        var calls = 0;
        using var rig = new OutboxRig(configure: o => o.ResolveEndpoint = (destination, _) => Interlocked.Increment(ref calls) < 3
            ? throw new InvalidOperationException("The stream registry is unavailable.")
            : ValueTask.FromResult<PushEndpoint?>(new PushEndpoint(new Uri(destination)) { AllowHttp = true }));
        await rig.EnqueueAsync(recipient.Server.BaseAddress, PushTestKit.Set);

        await rig.DrainAsync();

        recipient.Count.Should().Be(1);
        rig.Settlements.Where(s => s.Kind == OutboxSettlementKind.Retry).Should().HaveCount(2)
            .And.OnlyContain(s => s.Attempt!.Cause == "InvalidOperationException: The stream registry is unavailable.");
    }

    [Test]
    public void Constructor_LeaseNoLongerThanThePushTotalTimeout_Refused()
    {
        var client = OutboxRig.ClientWithoutRetries();

        var act = () => new OutboxRig(client: client, configure: o => o.LeaseDuration = client.TotalTimeout);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(OutboxDispatcherOptions.LeaseDuration));
    }

    [Test]
    public void Constructor_NoResolver_Refused()
    {
        var act = () => new OutboxRig(configure: o => o.ResolveEndpoint = null);

        act.Should().Throw<ArgumentException>().WithParameterName(nameof(OutboxDispatcherOptions.ResolveEndpoint));
    }

    [Test]
    public async Task RunAsync_StartedTwice_SecondRefusedWhileTheFirstRuns()
    {
        using var rig = new OutboxRig();
        using var stop = new CancellationTokenSource();
        var first = rig.Dispatcher.RunAsync(stop.Token);

        var second = () => rig.Dispatcher.RunAsync(CancellationToken.None);

        await second.Should().ThrowAsync<InvalidOperationException>();
        await stop.CancelAsync();
        await first;
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, int timeoutMs = 20_000)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeoutMs / 1000.0 * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                Assert.Fail("The condition did not come true in time.");
            }

            await Task.Delay(10);
        }
    }
}
