using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// What every <see cref="ISecurityEventPollQueue"/> must do, run against each store by a subclass: streams kept apart,
/// leases that hide a SET until they end, acknowledgements and rejections by <c>jti</c>, offers counted as attempts.
/// </summary>
public abstract partial class PollQueueContractTests : StoreContractFixture<ISecurityEventPollQueue>
{
    protected const string StreamA = "stream-a";
    protected const string StreamB = "stream-b";
    protected static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(2);
    protected const string UnacknowledgedOfferCause = "Offered in a poll response; not acknowledged before the lease ended.";

    protected ISecurityEventPollQueue Queue => Store;

    [Test]
    public async Task LeaseStreamAsync_TwoStreams_EachSeesOnlyItsOwn()
    {
        var ids = await EnqueueAsync(Item("a1", StreamA), Item("b1", StreamB), Item("a2", StreamA), Item("push", "https://push.example/"));

        var a = await LeaseAsync(StreamA);
        var b = await LeaseAsync(StreamB);

        a.Messages.Select(m => m.Id).Should().Equal(ids[0], ids[2]);
        a.Messages.Should().OnlyContain(m => m.Destination == StreamA);
        b.Messages.Select(m => m.Jti).Should().Equal("b1");
        (await LeaseAsync("stream-c")).Should().Match<PollLease>(l => l.Messages.Count == 0 && !l.MoreAvailable);
    }

    [Test]
    public async Task LeaseStreamAsync_Stream_OldestFirstWithEverythingAsEnqueued()
    {
        var set = PushSets.Token("first");
        var ids = await EnqueueAsync(new OutboxItem(set, StreamA), Item("second", StreamA));
        Time.Advance(TimeSpan.FromSeconds(1));
        var late = await EnqueueAsync(Item("third", StreamA));

        var lease = await LeaseAsync(StreamA, at: Time.Now);

        lease.Messages.Select(m => m.Id).Should().Equal(ids[0], ids[1], late[0]);
        lease.Messages[0].Should().BeEquivalentTo(new { Id = ids[0], Set = set, Destination = StreamA, Jti = "first", EnqueuedAt = Start, Attempts = 0 });
        lease.MoreAvailable.Should().BeFalse();
    }

    [Test]
    public async Task LeaseStreamAsync_MaxCount_LeasesThatManyAndSaysWhetherMoreAreDue()
    {
        var ids = await EnqueueAsync(Item("a", StreamA), Item("b", StreamA), Item("c", StreamA), Item("d", StreamA), Item("e", StreamA));

        var first = await LeaseAsync(StreamA, maxCount: 2);
        var second = await LeaseAsync(StreamA, maxCount: 2);
        var last = await LeaseAsync(StreamA, maxCount: 1);
        var none = await LeaseAsync(StreamA, maxCount: 1);

        first.Messages.Select(m => m.Id).Should().Equal(ids[0], ids[1]);
        first.MoreAvailable.Should().BeTrue();
        second.Messages.Select(m => m.Id).Should().Equal(ids[2], ids[3]);
        second.MoreAvailable.Should().BeTrue();
        last.Messages.Select(m => m.Id).Should().Equal(ids[4]);
        last.MoreAvailable.Should().BeFalse("exactly as many as asked were due");
        none.Messages.Should().BeEmpty();
        none.MoreAvailable.Should().BeFalse();
    }

    [Test]
    public async Task LeaseStreamAsync_Leased_HiddenUntilTheLeaseEndsThenOfferedAgainWithTheOfferCounted()
    {
        var id = (await EnqueueAsync(Item("a", StreamA)))[0];
        var first = (await LeaseAsync(StreamA)).Messages.Single();

        var during = await LeaseAsync(StreamA, at: Start + LeaseTime - TimeSpan.FromMilliseconds(1));
        var after = await LeaseAsync(StreamA, at: Start + LeaseTime);

        first.Should().Match<OutboxMessage>(m => m.Id == id && m.Attempts == 0);
        during.Messages.Should().BeEmpty();
        during.MoreAvailable.Should().BeFalse("a leased SET is not due");
        after.Messages.Should().ContainSingle().Which.Should().Match<OutboxMessage>(m =>
            m.Id == id && m.LeaseToken != first.LeaseToken && m.Attempts == 1);
        (await Queue.GetStatisticsAsync()).Pending.Should().Be(1);
    }

    [Test]
    public async Task LeaseStreamAsync_OfferedThreeTimes_EachEndedOfferAnAttempt()
    {
        await EnqueueAsync(Item("a", StreamA));
        var attempts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            attempts.Add((await LeaseAsync(StreamA, at: Start + (LeaseTime * i))).Messages.Single().Attempts);
        }

        attempts.Should().Equal(0, 1, 2);
    }

    [Test]
    public async Task LeaseStreamAsync_LeaseGivenBackUnsent_NotCountedAsAnOffer()
    {
        await EnqueueAsync(Item("a", StreamA));
        var first = (await LeaseAsync(StreamA)).Messages.Single();

        await Queue.SettleAsync([OutboxSettlement.Release(first)]);
        var second = (await LeaseAsync(StreamA)).Messages.Single();
        var third = (await LeaseAsync(StreamA, at: Start + LeaseTime)).Messages.Single();

        second.Attempts.Should().Be(0, "a response given back unsent offered nothing");
        third.Attempts.Should().Be(1);
    }

    [Test]
    public async Task LeaseStreamAsync_InvalidArguments_Throw()
    {
        await Queue.Invoking(q => q.LeaseStreamAsync("", 1, Start, LeaseTime).AsTask()).Should().ThrowAsync<ArgumentException>();
        await Queue.Invoking(q => q.LeaseStreamAsync(StreamA, 0, Start, LeaseTime).AsTask()).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await Queue.Invoking(q => q.LeaseStreamAsync(StreamA, 1, Start, TimeSpan.Zero).AsTask()).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await Queue.Invoking(q => q.AcknowledgeAsync(StreamA, null!).AsTask()).Should().ThrowAsync<ArgumentNullException>();
        await Queue.Invoking(q => q.RejectAsync(StreamA, null!, Start).AsTask()).Should().ThrowAsync<ArgumentNullException>();
    }

    [Test]
    public async Task AcknowledgeAsync_LeasedAndNotLeased_BothRemovedWithTheirAttempts()
    {
        var ids = await EnqueueAsync(Item("leased", StreamA), Item("waiting", StreamA), Item("kept", StreamA));
        await LeaseAsync(StreamA, maxCount: 1);

        var removed = await Queue.AcknowledgeAsync(StreamA, ["leased", "waiting"]);

        removed.Should().Be(2);
        (await Queue.GetStatisticsAsync()).Should().Be(new OutboxStatistics(1, Start, 0));
        (await LeaseAsync(StreamA, at: Start + LeaseTime)).Messages.Select(m => m.Id).Should().Equal(ids[2]);
    }

    [Test]
    public async Task AcknowledgeAsync_UnknownJtiOrOtherStream_IgnoredAndNothingChanges()
    {
        await EnqueueAsync(Item("a", StreamA), Item("b", StreamB));

        var removed = await Queue.AcknowledgeAsync(StreamA, ["unknown", "b"]);
        var none = await Queue.AcknowledgeAsync(StreamA, []);

        removed.Should().Be(0);
        none.Should().Be(0);
        (await Queue.GetStatisticsAsync()).Pending.Should().Be(2);
        (await LeaseAsync(StreamB)).Messages.Select(m => m.Jti).Should().Equal("b");
    }

    [Test]
    public async Task AcknowledgeAsync_AfterTheLeaseEndedAndTheSetWasLeasedAgain_RemovedAndTheStaleLeaseIgnored()
    {
        await EnqueueAsync(Item("a", StreamA));
        var stale = (await LeaseAsync(StreamA)).Messages.Single();
        var current = (await LeaseAsync(StreamA, at: Start + LeaseTime)).Messages.Single();

        var removed = await Queue.AcknowledgeAsync(StreamA, ["a"]);
        await Queue.SettleAsync([OutboxSettlement.Release(current), OutboxSettlement.Release(stale)]);

        removed.Should().Be(1);
        (await Queue.GetStatisticsAsync()).Should().Be(new OutboxStatistics(0, null, 0));
        (await LeaseAsync(StreamA, at: Start.AddHours(1))).Messages.Should().BeEmpty("an acknowledged SET is never offered again");
        (await Queue.GetDeadLetterAsync(current.Id)).Should().BeNull();
    }

    [Test]
    public async Task AcknowledgeAsync_AfterTheLeaseEndedNotLeasedAgain_Removed()
    {
        await EnqueueAsync(Item("a", StreamA));
        await LeaseAsync(StreamA);
        Time.Now = Start + LeaseTime + LeaseTime;

        (await Queue.AcknowledgeAsync(StreamA, ["a"])).Should().Be(1);

        (await LeaseAsync(StreamA, at: Time.Now)).Messages.Should().BeEmpty();
    }

    [Test]
    public async Task RejectAsync_OfferedTwice_DeadLetterWithErrDescriptionAndEveryOffer()
    {
        var set = PushSets.Token("bad");
        var id = (await EnqueueAsync(new OutboxItem(set, StreamA)))[0];
        await LeaseAsync(StreamA);
        await LeaseAsync(StreamA, at: Start + LeaseTime);
        var at = Start + LeaseTime + TimeSpan.FromSeconds(3);

        var moved = await Queue.RejectAsync(StreamA, new Dictionary<string, PollSetError> { ["bad"] = new("invalid_key", "Unknown kid"), ["unknown"] = new("invalid_key", "x") }, at);

        moved.Should().Be(1);
        (await Queue.GetStatisticsAsync()).Should().Be(new OutboxStatistics(0, null, 1));
        (await Queue.GetDeadLetterAsync(id)).Should().BeEquivalentTo(new OutboxDeadLetter
        {
            Id = id,
            Jti = "bad",
            Destination = StreamA,
            EnqueuedAt = Start,
            DeadAt = at,
            Reason = "invalid_key: Unknown kid",
            AttemptCount = 2,
            Attempts =
            [
                new OutboxAttempt(Start + LeaseTime, PushOutcome.Failed, 200, null, UnacknowledgedOfferCause),
                new OutboxAttempt(at, PushOutcome.Rejected, null, "invalid_key", "invalid_key: Unknown kid"),
            ],
            Set = set,
        }, o => o.WithStrictOrdering());
        (await LeaseAsync(StreamA, at: Start.AddHours(1))).Messages.Should().BeEmpty();
    }

    [Test]
    public async Task RejectAsync_NeverOffered_DeadLetterWithTheRejectionAsItsOneAttempt()
    {
        var id = (await EnqueueAsync(Item("a", StreamA)))[0];

        (await Queue.RejectAsync(StreamA, new Dictionary<string, PollSetError> { ["a"] = new("invalid_request", "Malformed") }, Start)).Should().Be(1);

        var dead = await Queue.GetDeadLetterAsync(id);
        dead!.AttemptCount.Should().Be(1);
        dead.Attempts.Should().ContainSingle().Which.ErrorCode.Should().Be("invalid_request");
    }

    [Test]
    public async Task RejectAsync_UnknownJtiOrOtherStream_IgnoredAndNothingChanges()
    {
        await EnqueueAsync(Item("a", StreamA), Item("b", StreamB));

        var moved = await Queue.RejectAsync(StreamA, new Dictionary<string, PollSetError> { ["b"] = new("invalid_key", "x"), ["zzz"] = new("invalid_key", "x") }, Start);

        moved.Should().Be(0);
        (await Queue.GetStatisticsAsync()).Should().Be(new OutboxStatistics(2, Start, 0));
    }

    [Test]
    public async Task RedriveAsync_RejectedSet_OfferedAgainWithAFreshHistory()
    {
        var id = (await EnqueueAsync(Item("a", StreamA)))[0];
        await LeaseAsync(StreamA);
        await Queue.RejectAsync(StreamA, new Dictionary<string, PollSetError> { ["a"] = new("invalid_key", "Unknown kid") }, Start);
        var later = Start.AddHours(1);

        (await Queue.RedriveAsync([id], later)).Should().Be(1);
        var again = (await LeaseAsync(StreamA, at: later)).Messages.Single();

        again.Should().Match<OutboxMessage>(m => m.Id == id && m.Attempts == 0 && m.EnqueuedAt == later && m.Jti == "a");
        (await Queue.AcknowledgeAsync(StreamA, ["a"])).Should().Be(1);
        (await Queue.GetStatisticsAsync()).Should().Be(new OutboxStatistics(0, null, 0));
    }

    [Test]
    public async Task SettleAsync_LeasedSetGivenUp_DeadLetterCountsOnlyTheEndedOffers()
    {
        var id = (await EnqueueAsync(Item("a", StreamA)))[0];
        await LeaseAsync(StreamA);
        var second = (await LeaseAsync(StreamA, at: Start + LeaseTime)).Messages.Single();

        await Queue.SettleAsync([OutboxSettlement.DeadLetter(second, null, "too old")]);

        var dead = await Queue.GetDeadLetterAsync(id);
        dead!.AttemptCount.Should().Be(1, "the lease that gave the SET up offered nothing");
        dead.Attempts.Should().Equal(new OutboxAttempt(Start + LeaseTime, PushOutcome.Failed, 200, null, UnacknowledgedOfferCause));
        dead.Reason.Should().Be("too old");
    }

    [Test]
    public async Task Methods_CancelledBeforeWork_ThrowAndChangeNothing()
    {
        await EnqueueAsync(Item("a", StreamA));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Throws(() => Queue.LeaseStreamAsync(StreamA, 1, Start, LeaseTime, cts.Token).AsTask());
        await Throws(() => Queue.AcknowledgeAsync(StreamA, ["a"], cts.Token).AsTask());
        await Throws(() => Queue.RejectAsync(StreamA, new Dictionary<string, PollSetError> { ["a"] = new("invalid_key", "x") }, Start, cts.Token).AsTask());

        (await Queue.GetStatisticsAsync()).Should().Be(new OutboxStatistics(1, Start, 0));
        (await LeaseAsync(StreamA)).Messages.Single().Attempts.Should().Be(0);
    }

    protected static OutboxItem Item(string jti, string stream, string? orderingKey = null) => new(PushSets.Token(jti), stream, orderingKey);

    protected async Task<IReadOnlyList<long>> EnqueueAsync(params OutboxItem[] items) => await Queue.EnqueueAsync(items);

    protected async Task<PollLease> LeaseAsync(string stream, int maxCount = 10, DateTimeOffset? at = null) =>
        await Queue.LeaseStreamAsync(stream, maxCount, at ?? Start, LeaseTime);

    private static async Task Throws(Func<Task> call) => await call.Should().ThrowAsync<OperationCanceledException>();
}
