using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Tests.Outbox;

/// <summary>Ordering keys: among pending SETs of one key, only the oldest is ever due, and the next waits until it leaves.</summary>
public abstract partial class OutboxContractTests
{
    [Test]
    public async Task LeaseAsync_OrderingKey_OnlyTheOldestOfTheKeyIsLeased()
    {
        var ids = await EnqueueAsync(Item("a", orderingKey: "k"), Item("b", orderingKey: "k"), Item("free"), Item("c", orderingKey: "k"), Item("other", orderingKey: "k2"));

        var leased = await LeaseAsync();

        leased.Select(m => m.Id).Should().Equal(ids[0], ids[2], ids[4]);
        (await LeaseAsync(at: Start + LeaseTime)).Select(m => m.Id).Should().Equal(ids[0], ids[2], ids[4]);
        (await Outbox.GetStatisticsAsync()).Pending.Should().Be(5);
    }

    [Test]
    public async Task LeaseAsync_OrderingKeyHeadLeased_LaterEnqueueOfTheKeyWaits()
    {
        var first = (await EnqueueAsync(Item("a", orderingKey: "k")))[0];
        var head = (await LeaseAsync()).Single();
        await EnqueueAsync(Item("b", orderingKey: "k"));

        (await LeaseAsync()).Should().BeEmpty();
        (await Outbox.NextDueAsync()).Should().Be(Start + LeaseTime, "the waiting SET is not due");
        head.Id.Should().Be(first);
    }

    [Test]
    public async Task SettleAsync_OrderingKeyDelivered_NextOfTheKeyDueFromThenInOrder()
    {
        var ids = await EnqueueAsync(Item("a", orderingKey: "k"), Item("b", orderingKey: "k"), Item("c", orderingKey: "k"));
        var delivered = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var leased = await LeaseAsync();
            leased.Should().ContainSingle();
            delivered.Add(leased[0].Id);
            Time.Advance(TimeSpan.FromSeconds(2));
            await Outbox.SettleAsync([OutboxSettlement.Delivered(leased[0], Attempt(PushOutcome.Delivered, 202))]);
            if (i < 2)
            {
                (await Outbox.NextDueAsync()).Should().Be(Time.Now, "the next SET of the key is due once the one before it has left");
            }
        }

        delivered.Should().Equal(ids);
        (await Outbox.NextDueAsync()).Should().BeNull();
    }

    [Test]
    public async Task SettleAsync_OrderingKeyRetry_HeadStaysAndTheNextWaits()
    {
        var ids = await EnqueueAsync(Item("a", orderingKey: "k"), Item("b", orderingKey: "k"));
        var head = (await LeaseAsync()).Single();

        await Outbox.SettleAsync([OutboxSettlement.Retry(head, Attempt(), Start.AddSeconds(10))]);

        (await LeaseAsync(at: Start.AddSeconds(5))).Should().BeEmpty();
        (await LeaseAsync(at: Start.AddSeconds(10))).Select(m => m.Id).Should().Equal(ids[0]);
    }

    [Test]
    public async Task SettleAsync_OrderingKeyRelease_HeadStaysAndTheNextWaits()
    {
        var ids = await EnqueueAsync(Item("a", orderingKey: "k"), Item("b", orderingKey: "k"));
        var head = (await LeaseAsync()).Single();

        await Outbox.SettleAsync([OutboxSettlement.Release(head)]);

        (await LeaseAsync()).Select(m => m.Id).Should().Equal(ids[0]);
    }

    [Test]
    public async Task SettleAsync_OrderingKeyDeadLetter_NextOfTheKeyDue()
    {
        var ids = await EnqueueAsync(Item("a", orderingKey: "k"), Item("b", orderingKey: "k"));
        var head = (await LeaseAsync()).Single();
        Time.Advance(TimeSpan.FromSeconds(4));

        await Outbox.SettleAsync([OutboxSettlement.DeadLetter(head, Attempt(PushOutcome.Rejected, 400), "rejected")]);

        (await Outbox.NextDueAsync()).Should().Be(Time.Now);
        (await LeaseAsync()).Select(m => m.Id).Should().Equal(ids[1]);
    }

    [Test]
    public async Task SettleAsync_OrderingKeyStaleSettlement_NextStillWaits()
    {
        await EnqueueAsync(Item("a", orderingKey: "k"), Item("b", orderingKey: "k"));
        var stale = (await LeaseAsync()).Single();
        var current = (await LeaseAsync(at: Start + LeaseTime)).Single();

        await Outbox.SettleAsync([OutboxSettlement.Delivered(stale, Attempt(PushOutcome.Delivered, 202))]);

        (await LeaseAsync(at: Start + LeaseTime)).Should().BeEmpty("the head is still pending under its current lease");
        current.Id.Should().Be(stale.Id);
    }

    [Test]
    public async Task SettleAsync_UnissuedLeaseToken_Ignored()
    {
        var ids = await EnqueueAsync(Item("a", orderingKey: "k"), Item("b", orderingKey: "k"));
        var head = (await LeaseAsync()).Single();
        var waiting = new OutboxMessage { Id = ids[1], LeaseToken = 0, Set = "x", Destination = DestinationA, EnqueuedAt = Start, Attempts = 0 };

        await Outbox.SettleAsync([OutboxSettlement.Delivered(waiting, Attempt(PushOutcome.Delivered, 202))]);

        (await Outbox.GetStatisticsAsync()).Pending.Should().Be(2, "no lease was ever issued with token 0");
        (await LeaseAsync()).Should().BeEmpty("the head is still leased");
        head.Id.Should().Be(ids[0]);
    }
}
