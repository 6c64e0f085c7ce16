using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Tests.Outbox;

/// <summary>Dead letters: listed by page, read whole, re-driven with their id, deleted.</summary>
public abstract partial class OutboxContractTests
{
    [Test]
    public async Task RedriveAsync_DeadLetter_BackDueNowWithItsIdAndAFreshAgeAndHistory()
    {
        var id = (await EnqueueAsync(Item("a")))[0];
        await Outbox.SettleAsync([OutboxSettlement.DeadLetter((await LeaseAsync()).Single(), Attempt(PushOutcome.Rejected, 400), "rejected")]);
        var later = Start.AddHours(2);
        Time.Now = later.AddMinutes(1);

        var redriven = await Outbox.RedriveAsync([id], later);

        redriven.Should().Be(1);
        (await Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(1, later, 0));
        (await Outbox.GetDeadLetterAsync(id)).Should().BeNull();
        (await Outbox.NextDueAsync()).Should().Be(later);
        (await LeaseAsync(at: later.AddMilliseconds(-1))).Should().BeEmpty();
        var leased = (await LeaseAsync(at: later)).Single();
        leased.Should().Match<OutboxMessage>(m => m.Id == id && m.Attempts == 0 && m.EnqueuedAt == later && m.Jti == "a");
        await Outbox.SettleAsync([OutboxSettlement.DeadLetter(leased, null, "again")]);
        var dead = await Outbox.GetDeadLetterAsync(id);
        dead!.AttemptCount.Should().Be(0);
        dead.Attempts.Should().BeEmpty("a re-drive starts the history again");
        dead.EnqueuedAt.Should().Be(later);
    }

    [Test]
    public async Task RedriveAsync_UnknownAndRepeatedIds_Skipped()
    {
        var ids = await EnqueueAsync(Item("a"), Item("b"));
        var leased = await LeaseAsync();
        await Outbox.SettleAsync([OutboxSettlement.DeadLetter(leased[0], null, "x"), OutboxSettlement.DeadLetter(leased[1], null, "x")]);

        var redriven = await Outbox.RedriveAsync([ids[1], ids[1], ids[1] + 100], Time.Now);

        redriven.Should().Be(1);
        (await Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(1, Start, 1));
        (await Outbox.RedriveAsync([], Time.Now)).Should().Be(0);
    }

    [Test]
    public async Task RedriveAsync_OrderingKeyStillPending_WaitsBehindItsKey()
    {
        var ids = await EnqueueAsync(Item("a", orderingKey: "k"), Item("b", orderingKey: "k"), Item("c", orderingKey: "k"));
        await Outbox.SettleAsync([OutboxSettlement.DeadLetter((await LeaseAsync()).Single(), null, "rejected")]);
        var second = (await LeaseAsync()).Single();

        await Outbox.RedriveAsync([ids[0]], Time.Now);

        second.Id.Should().Be(ids[1]);
        (await LeaseAsync(at: Start + LeaseTime)).Select(m => m.Id).Should().Equal([ids[1]], "the re-driven SET waits while its key has a SET pending");
        var current = (await LeaseAsync(at: Start + 2 * LeaseTime)).Single();
        await Outbox.SettleAsync([OutboxSettlement.Delivered(current, Attempt(PushOutcome.Delivered, 202))]);
        var next = (await LeaseAsync(at: Start + 2 * LeaseTime)).Single();
        next.Id.Should().Be(ids[0], "the re-driven SET has the smallest id of its key");
        await Outbox.SettleAsync([OutboxSettlement.Delivered(next, Attempt(PushOutcome.Delivered, 202))]);
        (await LeaseAsync(at: Start + 2 * LeaseTime)).Select(m => m.Id).Should().Equal(ids[2]);
    }

    [Test]
    public async Task RedriveAsync_OrderingKeyNotPending_DueAtOnce()
    {
        var id = (await EnqueueAsync(Item("a", orderingKey: "k")))[0];
        await Outbox.SettleAsync([OutboxSettlement.DeadLetter((await LeaseAsync()).Single(), null, "rejected")]);

        await Outbox.RedriveAsync([id], Time.Now);

        (await LeaseAsync()).Select(m => m.Id).Should().Equal(id);
    }

    [Test]
    public async Task DeleteDeadLettersAsync_Known_DeletedForGood()
    {
        var ids = await EnqueueAsync(Item("a"), Item("b"));
        var leased = await LeaseAsync();
        await Outbox.SettleAsync([OutboxSettlement.DeadLetter(leased[0], Attempt(), "x"), OutboxSettlement.DeadLetter(leased[1], Attempt(), "x")]);

        var deleted = await Outbox.DeleteDeadLettersAsync([ids[0], ids[0] + 100]);

        deleted.Should().Be(1);
        (await Outbox.GetDeadLetterAsync(ids[0])).Should().BeNull();
        (await Outbox.GetDeadLetterAsync(ids[1])).Should().NotBeNull();
        (await Outbox.RedriveAsync([ids[0]], Time.Now)).Should().Be(0);
        (await Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(0, null, 1));
    }

    [Test]
    public async Task ListDeadLettersAsync_Pages_ByAscendingIdWithoutSetsOrAttempts()
    {
        var ids = await EnqueueAsync(Item("a"), Item("b"), Item("c"), Item("d"), Item("e"));
        var leased = await LeaseAsync();
        await Outbox.SettleAsync([.. leased.Reverse().Select(m => OutboxSettlement.DeadLetter(m, Attempt(PushOutcome.Rejected, 400), $"reason {m.Jti}"))]);

        var first = await Outbox.ListDeadLettersAsync(2);
        var second = await Outbox.ListDeadLettersAsync(2, first[^1].Id);
        var third = await Outbox.ListDeadLettersAsync(2, second[^1].Id);
        var none = await Outbox.ListDeadLettersAsync(2, ids[4]);

        first.Concat(second).Concat(third).Select(d => d.Id).Should().Equal(ids);
        third.Should().ContainSingle();
        none.Should().BeEmpty();
        first[0].Should().BeEquivalentTo(new { Id = ids[0], Jti = "a", Destination = DestinationA, EnqueuedAt = Start, DeadAt = Start, Reason = "reason a", AttemptCount = 1, Set = (string?)null });
        first.Concat(second).Concat(third).Should().OnlyContain(d => d.Set == null && d.Attempts.Count == 0);
    }

    [Test]
    public async Task GetDeadLetterAsync_Unknown_Null()
    {
        (await Outbox.GetDeadLetterAsync(42)).Should().BeNull();
    }
}
