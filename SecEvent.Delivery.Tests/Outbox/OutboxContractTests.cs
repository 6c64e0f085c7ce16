using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Outbox;

/// <summary>
/// What every <see cref="ISecurityEventOutbox"/> must do, run against each store by a subclass: ids, leases, settlements,
/// ordering keys, dead letters, statistics and signals, on a clock the test moves by hand.
/// </summary>
public abstract partial class OutboxContractTests : StoreContractFixture<ISecurityEventOutbox>
{
    protected const string DestinationA = "https://a.example/events";
    protected const string DestinationB = "https://b.example/events";
    protected static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(1);

    protected ISecurityEventOutbox Outbox => Store;

    [Test]
    public async Task EnqueueAsync_Calls_IdsAscendInEnqueueOrder()
    {
        var first = await EnqueueAsync(Item("a"), Item("b"), Item("c"));
        var second = await EnqueueAsync(Item("d"));

        first.Concat(second).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems().And.HaveCount(4);
    }

    [Test]
    public async Task EnqueueAsync_NewestDelivered_IdNotReused()
    {
        var ids = await EnqueueAsync(Item("a"), Item("b"));
        var leased = await LeaseAsync();
        await Outbox.SettleAsync([OutboxSettlement.Delivered(leased.Single(m => m.Id == ids[1]), Attempt(PushOutcome.Delivered, 202))]);

        var next = await EnqueueAsync(Item("c"));

        next[0].Should().BeGreaterThan(ids[1]);
    }

    [Test]
    public async Task EnqueueAsync_Batch_EveryItemStoredAsGiven()
    {
        var set = PushSets.Token("batch-1");
        var ids = await EnqueueAsync(new OutboxItem(set, DestinationA, "stream-1"), Item("batch-2", DestinationB));

        var leased = await LeaseAsync();

        leased.Select(m => m.Id).Should().Equal(ids);
        leased[0].Should().BeEquivalentTo(new { Id = ids[0], Set = set, Destination = DestinationA, OrderingKey = "stream-1", Jti = "batch-1", EnqueuedAt = Start, Attempts = 0 });
        leased[1].Should().BeEquivalentTo(new { Destination = DestinationB, OrderingKey = (string?)null, Jti = "batch-2" });
        (await Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(2, Start, 0));
    }

    [Test]
    public async Task EnqueueAsync_NullItem_ThrowsAndStoresNothing()
    {
        await Outbox.Invoking(o => o.EnqueueAsync([Item("a"), null!]).AsTask()).Should().ThrowAsync<ArgumentException>();

        (await Outbox.GetStatisticsAsync()).Pending.Should().Be(0);
    }

    [Test]
    public async Task LeaseAsync_BeforeEnqueueTime_NothingDue()
    {
        await EnqueueAsync(Item("a"));

        (await Outbox.LeaseAsync(10, Start.AddMilliseconds(-1), LeaseTime)).Should().BeEmpty();
        (await Outbox.LeaseAsync(10, Start, LeaseTime)).Should().ContainSingle();
    }

    [Test]
    public async Task LeaseAsync_DifferentDueTimes_EarliestDueFirstThenById()
    {
        var ids = await EnqueueAsync(Item("a"), Item("b"), Item("c"));
        var leased = await LeaseAsync();
        await Outbox.SettleAsync([
            OutboxSettlement.Retry(leased[0], Attempt(), Start.AddSeconds(30)),
            OutboxSettlement.Retry(leased[1], Attempt(), Start.AddSeconds(20)),
            OutboxSettlement.Retry(leased[2], Attempt(), Start.AddSeconds(20)),
        ]);
        Time.Advance(TimeSpan.FromSeconds(10));
        var late = await EnqueueAsync(Item("d"));

        var again = await LeaseAsync(at: Start.AddSeconds(40));

        again.Select(m => m.Id).Should().Equal(late[0], ids[1], ids[2], ids[0]);
    }

    [Test]
    public async Task LeaseAsync_MaxCount_LeasesAtMostThatManyOldestFirst()
    {
        var ids = await EnqueueAsync(Item("a"), Item("b"), Item("c"), Item("d"), Item("e"));

        var first = await LeaseAsync(maxCount: 2);
        var rest = await LeaseAsync(maxCount: 10);

        first.Select(m => m.Id).Should().Equal(ids[0], ids[1]);
        rest.Select(m => m.Id).Should().Equal(ids[2], ids[3], ids[4]);
    }

    [Test]
    public async Task LeaseAsync_ExcludedDestinations_LeftAlone()
    {
        var ids = await EnqueueAsync(Item("a", DestinationA), Item("b", DestinationB), Item("c", DestinationA), Item("d", "https://c.example/"));

        var leased = await LeaseAsync(excluded: new HashSet<string>(StringComparer.Ordinal) { DestinationA, "https://c.example/" });
        var rest = await LeaseAsync(excluded: new HashSet<string>(StringComparer.Ordinal));

        leased.Select(m => m.Id).Should().Equal(ids[1]);
        rest.Select(m => m.Id).Should().Equal(ids[0], ids[2], ids[3]);
    }

    [Test]
    public async Task LeaseAsync_Leased_NotLeasedAgainUntilTheLeaseEndsThenWithANewToken()
    {
        var id = (await EnqueueAsync(Item("a")))[0];
        var first = (await LeaseAsync()).Single();

        var during = await LeaseAsync(at: Start + LeaseTime - TimeSpan.FromMilliseconds(1));
        var after = await LeaseAsync(at: Start + LeaseTime);

        first.Id.Should().Be(id);
        during.Should().BeEmpty();
        after.Should().ContainSingle().Which.Should().Match<OutboxMessage>(m => m.Id == id && m.LeaseToken != first.LeaseToken && m.Attempts == 0);
    }

    [Test]
    public async Task LeaseAsync_InvalidArguments_Throw()
    {
        await Outbox.Invoking(o => o.LeaseAsync(0, Start, LeaseTime).AsTask()).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await Outbox.Invoking(o => o.LeaseAsync(1, Start, TimeSpan.Zero).AsTask()).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task SettleAsync_Delivered_SetAndAttemptsGone()
    {
        await EnqueueAsync(Item("a"));
        var first = (await LeaseAsync()).Single();
        await Outbox.SettleAsync([OutboxSettlement.Retry(first, Attempt(), Start)]);
        var second = (await LeaseAsync()).Single();

        await Outbox.SettleAsync([OutboxSettlement.Delivered(second, Attempt(PushOutcome.Delivered, 202))]);

        (await Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(0, null, 0));
        (await Outbox.NextDueAsync()).Should().BeNull();
        (await LeaseAsync(at: Start.AddHours(1))).Should().BeEmpty();
        (await Outbox.GetDeadLetterAsync(first.Id)).Should().BeNull();
    }

    [Test]
    public async Task SettleAsync_Retry_DueAtNextAttemptWithTheAttemptCounted()
    {
        await EnqueueAsync(Item("a"));
        var first = (await LeaseAsync()).Single();
        var next = Start.AddSeconds(30);

        await Outbox.SettleAsync([OutboxSettlement.Retry(first, Attempt(), next)]);

        (await Outbox.NextDueAsync()).Should().Be(next);
        (await LeaseAsync(at: next.AddMilliseconds(-1))).Should().BeEmpty();
        var second = (await LeaseAsync(at: next)).Single();
        second.Should().Match<OutboxMessage>(m => m.Id == first.Id && m.Attempts == 1 && m.LeaseToken != first.LeaseToken);
    }

    [Test]
    public async Task SettleAsync_Release_DueNowWithNoAttemptCounted()
    {
        await EnqueueAsync(Item("a"));
        var leased = (await LeaseAsync()).Single();
        Time.Advance(TimeSpan.FromSeconds(5));

        await Outbox.SettleAsync([OutboxSettlement.Release(leased)]);

        (await Outbox.NextDueAsync()).Should().Be(Time.Now);
        (await LeaseAsync()).Single().Should().Match<OutboxMessage>(m => m.Id == leased.Id && m.Attempts == 0 && m.LeaseToken != leased.LeaseToken);
    }

    [Test]
    public async Task SettleAsync_DeadLetter_MovesTheSetWithEveryAttemptAndTheReason()
    {
        var set = PushSets.Token("doomed");
        var id = (await EnqueueAsync(new OutboxItem(set, DestinationA, "stream-1")))[0];
        var first = (await LeaseAsync()).Single();
        var failed = Attempt(PushOutcome.Failed, 503, cause: "503 Service Unavailable");
        await Outbox.SettleAsync([OutboxSettlement.Retry(first, failed, Start.AddSeconds(10))]);
        Time.Advance(TimeSpan.FromSeconds(10));
        var second = (await LeaseAsync()).Single();
        var rejected = new OutboxAttempt(Time.Now.AddMilliseconds(250), PushOutcome.Rejected, 400, "invalid_key", "invalid_key: unknown kid");

        await Outbox.SettleAsync([OutboxSettlement.DeadLetter(second, rejected, "invalid_key: unknown kid")]);

        (await Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(0, null, 1));
        var dead = await Outbox.GetDeadLetterAsync(id);
        dead.Should().BeEquivalentTo(new OutboxDeadLetter
        {
            Id = id,
            Jti = "doomed",
            Destination = DestinationA,
            OrderingKey = "stream-1",
            EnqueuedAt = Start,
            DeadAt = rejected.At,
            Reason = "invalid_key: unknown kid",
            AttemptCount = 2,
            Attempts = [failed, rejected],
            Set = set,
        }, o => o.WithStrictOrdering());
        (await LeaseAsync(at: Start.AddHours(1))).Should().BeEmpty();
    }

    [Test]
    public async Task SettleAsync_DeadLetterWithoutAttempt_DeadNowWithTheEarlierAttempts()
    {
        var id = (await EnqueueAsync(Item("a")))[0];
        var first = (await LeaseAsync()).Single();
        await Outbox.SettleAsync([OutboxSettlement.Retry(first, Attempt(), Start)]);
        var second = (await LeaseAsync()).Single();
        Time.Advance(TimeSpan.FromMinutes(3));

        await Outbox.SettleAsync([OutboxSettlement.DeadLetter(second, null, "too old")]);

        var dead = await Outbox.GetDeadLetterAsync(id);
        dead!.DeadAt.Should().Be(Time.Now);
        dead.AttemptCount.Should().Be(1);
        dead.Attempts.Should().ContainSingle();
    }

    [Test]
    public async Task SettleAsync_ExpiredLeaseTakenAgain_OldSettlementIgnored()
    {
        await EnqueueAsync(Item("a"));
        var stale = (await LeaseAsync()).Single();
        var current = (await LeaseAsync(at: Start + LeaseTime)).Single();

        await Outbox.SettleAsync([OutboxSettlement.Delivered(stale, Attempt(PushOutcome.Delivered, 202))]);
        await Outbox.SettleAsync([OutboxSettlement.DeadLetter(stale, Attempt(), "stale")]);

        (await Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(1, Start, 0));
        await Outbox.SettleAsync([OutboxSettlement.Delivered(current, Attempt(PushOutcome.Delivered, 202))]);
        (await Outbox.GetStatisticsAsync()).Pending.Should().Be(0);
    }

    [Test]
    public async Task SettleAsync_SameLeaseTwice_SecondIgnored()
    {
        await EnqueueAsync(Item("a"));
        var leased = (await LeaseAsync()).Single();
        await Outbox.SettleAsync([OutboxSettlement.Retry(leased, Attempt(), Start.AddSeconds(30))]);

        await Outbox.SettleAsync([OutboxSettlement.Delivered(leased, Attempt(PushOutcome.Delivered, 202))]);
        await Outbox.SettleAsync([OutboxSettlement.Release(leased)]);

        (await Outbox.GetStatisticsAsync()).Pending.Should().Be(1);
        (await Outbox.NextDueAsync()).Should().Be(Start.AddSeconds(30), "the release of a settled lease does not make the SET due");
    }

    [Test]
    public async Task SettleAsync_ManyKindsInOneCall_EachWritten()
    {
        var ids = await EnqueueAsync(Item("a"), Item("b"), Item("c"), Item("d"));
        var leased = await LeaseAsync();

        await Outbox.SettleAsync([
            OutboxSettlement.Delivered(leased[0], Attempt(PushOutcome.Delivered, 202)),
            OutboxSettlement.Retry(leased[1], Attempt(), Start.AddSeconds(5)),
            OutboxSettlement.DeadLetter(leased[2], Attempt(PushOutcome.Rejected, 400), "rejected"),
            OutboxSettlement.Release(leased[3]),
        ]);

        (await Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(2, Start, 1));
        (await LeaseAsync()).Select(m => m.Id).Should().Equal(ids[3]);
        (await LeaseAsync(at: Start.AddSeconds(5))).Single().Should().Match<OutboxMessage>(m => m.Id == ids[1] && m.Attempts == 1);
        (await Outbox.ListDeadLettersAsync(10)).Select(d => d.Id).Should().Equal(ids[2]);
    }

    [Test]
    public async Task ReleaseAllLeasesAsync_Leased_DueNowAndCounted()
    {
        var ids = await EnqueueAsync(Item("a"), Item("b"), Item("c"));
        var leased = await LeaseAsync(maxCount: 2);
        Time.Advance(TimeSpan.FromSeconds(5));

        var released = await Outbox.ReleaseAllLeasesAsync();

        released.Should().Be(2);
        (await Outbox.NextDueAsync()).Should().Be(Start);
        var again = await LeaseAsync(at: Time.Now);
        again.Select(m => m.Id).Should().Equal(ids[2], ids[0], ids[1]);
        again.Select(m => m.LeaseToken).Should().NotIntersectWith(leased.Select(m => m.LeaseToken));
        await Outbox.SettleAsync([OutboxSettlement.Delivered(leased[0], Attempt(PushOutcome.Delivered, 202))]);
        (await Outbox.GetStatisticsAsync()).Pending.Should().Be(3, "the released lease is no longer current");
        (await Outbox.ReleaseAllLeasesAsync()).Should().Be(3);
        (await Outbox.ReleaseAllLeasesAsync()).Should().Be(0);
    }

    [Test]
    public async Task NextDueAsync_FollowsEnqueueLeaseAndRetry()
    {
        (await Outbox.NextDueAsync()).Should().BeNull();
        await EnqueueAsync(Item("a"));
        (await Outbox.NextDueAsync()).Should().Be(Start);

        var leased = (await LeaseAsync()).Single();
        (await Outbox.NextDueAsync()).Should().Be(Start + LeaseTime, "a lease counts as due when it ends");

        await Outbox.SettleAsync([OutboxSettlement.Retry(leased, Attempt(), Start.AddSeconds(7))]);
        (await Outbox.NextDueAsync()).Should().Be(Start.AddSeconds(7));
    }

    [Test]
    public async Task GetStatisticsAsync_CountsPendingLeasedIncludedAndOldestEnqueue()
    {
        (await Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(0, null, 0));
        await EnqueueAsync(Item("a"));
        Time.Advance(TimeSpan.FromSeconds(3));
        await EnqueueAsync(Item("b"), Item("c"));
        var leased = await LeaseAsync(maxCount: 2);
        (await Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(3, Start, 0));

        await Outbox.SettleAsync([
            OutboxSettlement.Delivered(leased[0], Attempt(PushOutcome.Delivered, 202)),
            OutboxSettlement.DeadLetter(leased[1], Attempt(PushOutcome.Rejected, 400), "rejected"),
        ]);

        (await Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(1, Start.AddSeconds(3), 1));
    }

    [Test]
    public async Task WaitForEnqueueAsync_Enqueue_CompletesThenNotBefore()
    {
        var id = (await EnqueueAsync(Item("a")))[0];
        var waiting = Outbox.WaitForEnqueueAsync();
        var leased = await LeaseAsync();
        await Outbox.SettleAsync([OutboxSettlement.DeadLetter(leased[0], Attempt(), "rejected")]);
        await Outbox.ReleaseAllLeasesAsync();
        await Outbox.RedriveAsync([id + 1000], Start);
        await Outbox.DeleteDeadLettersAsync([id]);
        waiting.IsCompleted.Should().BeFalse("nothing was enqueued since the wait began");

        await EnqueueAsync(Item("b"));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Outbox.WaitForEnqueueAsync().IsCompleted.Should().BeFalse("a new wait waits for the next enqueue");
    }

    [Test]
    public async Task WaitForEnqueueAsync_Redrive_Completes()
    {
        var id = (await EnqueueAsync(Item("a")))[0];
        await Outbox.SettleAsync([OutboxSettlement.DeadLetter((await LeaseAsync())[0], null, "rejected")]);
        var waiting = Outbox.WaitForEnqueueAsync();

        await Outbox.RedriveAsync([id], Time.Now);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task WaitForEnqueueAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        var waiting = Outbox.WaitForEnqueueAsync(cts.Token);

        await cts.CancelAsync();

        await Throws(() => waiting);
    }

    [Test]
    public async Task Methods_CancelledBeforeWork_ThrowAndChangeNothing()
    {
        var id = (await EnqueueAsync(Item("a")))[0];
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var token = cts.Token;

        await Throws(() => Outbox.EnqueueAsync([Item("b")], token).AsTask());
        await Throws(() => Outbox.LeaseAsync(10, Start, LeaseTime, null, token).AsTask());
        await Throws(() => Outbox.SettleAsync([], token).AsTask());
        await Throws(() => Outbox.ReleaseAllLeasesAsync(token).AsTask());
        await Throws(() => Outbox.NextDueAsync(token).AsTask());
        await Throws(() => Outbox.WaitForEnqueueAsync(token));
        await Throws(() => Outbox.GetStatisticsAsync(token).AsTask());
        await Throws(() => Outbox.ListDeadLettersAsync(10, null, token).AsTask());
        await Throws(() => Outbox.GetDeadLetterAsync(id, token).AsTask());
        await Throws(() => Outbox.RedriveAsync([id], Start, token).AsTask());
        await Throws(() => Outbox.DeleteDeadLettersAsync([id], token).AsTask());

        (await Outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(1, Start, 0));
        (await LeaseAsync()).Select(m => m.Id).Should().Equal(id);
    }

    protected static OutboxItem Item(string jti, string destination = DestinationA, string? orderingKey = null) =>
        new(PushSets.Token(jti), destination, orderingKey);

    protected async Task<IReadOnlyList<long>> EnqueueAsync(params OutboxItem[] items) => await Outbox.EnqueueAsync(items);

    protected async Task<IReadOnlyList<OutboxMessage>> LeaseAsync(int maxCount = 10, DateTimeOffset? at = null, IReadOnlySet<string>? excluded = null) =>
        await Outbox.LeaseAsync(maxCount, at ?? Time.Now, LeaseTime, excluded);

    protected OutboxAttempt Attempt(PushOutcome outcome = PushOutcome.Failed, int? status = 503, string? cause = "503") =>
        new(Time.Now, outcome, status, outcome == PushOutcome.Rejected ? "invalid_request" : null, cause);

    private static async Task Throws(Func<Task> call) => await call.Should().ThrowAsync<OperationCanceledException>();
}
