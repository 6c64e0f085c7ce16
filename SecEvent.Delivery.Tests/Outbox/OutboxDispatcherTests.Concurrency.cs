using System.Collections.Concurrent;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Push;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Outbox;

public partial class OutboxDispatcherTests
{
    [Test]
    public async Task Drain_OrderingKeyWithFailures_AcceptedInEnqueueOrder()
    {
        var accepted = new ConcurrentQueue<int>();
        await using var recipient = await ScriptedRecipient.StartAsync(async (context, n) =>
        {
            if (n % 3 == 0)
            {
                await PushTestKit.RespondAsync(context, 503); // Every third request fails: a later SET must not overtake.
                return;
            }

            accepted.Enqueue(n); // One request at a time within the key, so request n is the n-th recorded.
            await PushTestKit.RespondAsync(context, 202);
        });
        using var rig = new OutboxRig();
        var sets = Enumerable.Range(1, 30).Select(i => PushSets.Token($"ordered-{i}")).ToArray();
        await rig.Outbox.EnqueueAsync([.. sets.Select(s => new OutboxItem(s, recipient.Server.BaseAddress.ToString(), "stream-1"))]);

        await rig.DrainAsync();

        var requests = recipient.Requests.ToArray();
        accepted.Select(n => requests[n - 1].Body).Should().Equal(sets);
        rig.Count(OutboxSettlementKind.Retry).Should().BeGreaterThan(5);
    }

    [Test]
    public async Task Drain_ManySetsToOneDestination_NeverMoreInFlightThanItsLimit()
    {
        var inFlight = 0;
        var most = 0;
        await using var recipient = await ScriptedRecipient.StartAsync(async (context, _) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Delay(30);
            Interlocked.Decrement(ref inFlight);
            await PushTestKit.RespondAsync(context, 202);
        });
        using var rig = new OutboxRig(configure: o => o.MaxConcurrencyPerDestination = 3);
        await rig.EnqueueAsync(recipient.Server.BaseAddress, [.. Enumerable.Range(1, 24).Select(i => PushSets.Token($"lane-{i}"))]);

        await rig.DrainAsync();

        most.Should().Be(3, "the lane is used in full and never beyond");
        recipient.Count.Should().Be(24);
    }

    [Test]
    public async Task Run_OneDestinationHangs_OthersStillDelivered()
    {
        var release = new TaskCompletionSource();
        await using var stuck = await ScriptedRecipient.StartAsync(async (context, _) =>
        {
            await release.Task;
            await PushTestKit.RespondAsync(context, 202);
        });
        await using var healthy = await ScriptedRecipient.StartAsync((context, _) => PushTestKit.RespondAsync(context, 202));
        using var rig = new OutboxRig(configure: o =>
        {
            o.MaxConcurrency = 8;
            o.MaxConcurrencyPerDestination = 2;
        });
        await rig.EnqueueAsync(stuck.Server.BaseAddress, [.. Enumerable.Range(1, 20).Select(i => PushSets.Token($"stuck-{i}"))]);
        await rig.EnqueueAsync(healthy.Server.BaseAddress, [.. Enumerable.Range(1, 20).Select(i => PushSets.Token($"healthy-{i}"))]);
        using var stop = new CancellationTokenSource();
        var run = rig.Dispatcher.RunAsync(stop.Token);

        await WaitUntilAsync(() => healthy.Count == 20);

        stuck.Count.Should().Be(2, "the hanging destination holds only its own lane");
        release.SetResult();
        await WaitUntilAsync(() => stuck.Count == 20);
        await stop.CancelAsync();
        await run;
    }

    [Test]
    public async Task Run_StoppedMidPush_LeasesReturnedAndANewRunDeliversEachOncePUSH04()
    {
        var sink = new RecordingSink { Hold = new TaskCompletionSource().Task };
        await using var server = await LoopbackServer.StartAsync(PushReceiverEndpoint.For(new PushReceiver(PushSets.Options(), sink, PushSets.Clock())));
        var outbox = new InMemorySecurityEventOutbox();
        using var first = new OutboxRig(outbox);
        await first.EnqueueAsync(server.BaseAddress, [.. Enumerable.Range(1, 10).Select(i => PushSets.Token($"stop-{i}"))]);
        using var stop = new CancellationTokenSource();
        var run = first.Dispatcher.RunAsync(stop.Token);
        await WaitUntilAsync(() => sink.Calls == 10);

        await stop.CancelAsync();
        await run;

        first.Settlements.Should().HaveCount(10).And.OnlyContain(s => s.Kind == OutboxSettlementKind.Release);
        (await outbox.GetStatisticsAsync()).Pending.Should().Be(10);
        sink.Hold = null;
        using var second = new OutboxRig(outbox);
        await second.DrainAsync();
        sink.Accepted.Select(t => t.JwtId).Should().OnlyHaveUniqueItems().And.HaveCount(10);
    }

    [Test]
    public async Task Drain_LeasesOfACrashedDispatcher_DeliveredOnceTheyExpire()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((context, _) => PushTestKit.RespondAsync(context, 202));
        var outbox = new InMemorySecurityEventOutbox();
        await outbox.EnqueueAsync([.. Enumerable.Range(1, 5).Select(i => new OutboxItem(PushSets.Token($"crash-{i}"), recipient.Server.BaseAddress.ToString()))]);
        var crashed = await outbox.LeaseAsync(5, DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(600));
        crashed.Should().HaveCount(5);
        using var rig = new OutboxRig(outbox);
        var started = DateTimeOffset.UtcNow;

        await rig.DrainAsync();

        recipient.Count.Should().Be(5);
        (DateTimeOffset.UtcNow - started).Should().BeGreaterThan(TimeSpan.FromMilliseconds(400), "the leases had to expire first");
        await outbox.SettleAsync([.. crashed.Select(m => OutboxSettlement.Release(m))]);
        (await outbox.GetStatisticsAsync()).Pending.Should().Be(0, "a late settlement of an expired lease is ignored");
    }

    [Test]
    public async Task Drain_ReleaseLeasesOnStart_CrashedLeasesDeliveredAtOnce()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((context, _) => PushTestKit.RespondAsync(context, 202));
        var outbox = new InMemorySecurityEventOutbox();
        await outbox.EnqueueAsync([new OutboxItem(PushTestKit.Set, recipient.Server.BaseAddress.ToString())]);
        await outbox.LeaseAsync(1, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        using var rig = new OutboxRig(outbox, configure: o => o.ReleaseLeasesOnStart = true);

        await rig.DrainAsync(TimeSpan.FromSeconds(10));

        recipient.Count.Should().Be(1);
    }

    [Test]
    public async Task Run_EnqueueWhileIdle_DeliveredWithoutWaitingForThePoll()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((context, _) => PushTestKit.RespondAsync(context, 202));
        using var rig = new OutboxRig(configure: o => o.IdlePollInterval = TimeSpan.FromMinutes(5));
        using var stop = new CancellationTokenSource();
        var run = rig.Dispatcher.RunAsync(stop.Token);
        await Task.Delay(100);

        await rig.EnqueueAsync(recipient.Server.BaseAddress, PushTestKit.Set);

        await WaitUntilAsync(() => recipient.Count == 1, timeoutMs: 10_000);
        await stop.CancelAsync();
        await run;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
