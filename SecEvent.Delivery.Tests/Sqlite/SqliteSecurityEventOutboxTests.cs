using FluentAssertions;
using Microsoft.Data.Sqlite;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Sqlite;

/// <summary>What only a file gives: SETs that outlive the process, instances sharing one file, and clear errors on foreign files.</summary>
public class SqliteSecurityEventOutboxTests : SqliteFileTests
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(1);

    [Test]
    public async Task OpenAsync_NewFile_WalModeAtTheCurrentSchemaVersion()
    {
        await using (var outbox = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time))
        {
            outbox.Path.Should().Be(Path.GetFullPath(FilePath));
        }

        using var raw = RawSqlite.Open(FilePath);
        RawSqlite.Scalar(raw, "PRAGMA journal_mode").Should().Be("wal");
        RawSqlite.Scalar(raw, "PRAGMA user_version").Should().Be(2L);
    }

    [Test]
    public async Task OpenAsync_Reopened_PendingLeasesAttemptsAndDeadLettersSurvive()
    {
        long[] ids;
        OutboxMessage crashed;
        var failed = new OutboxAttempt(Start, PushOutcome.Failed, 503, null, "503");
        await using (var first = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time))
        {
            ids = [.. await first.EnqueueAsync([Item("a"), Item("b"), Item("c", "k"), Item("d", "k")])];
            var leased = await first.LeaseAsync(2, Start, LeaseTime);
            await first.SettleAsync([OutboxSettlement.DeadLetter(leased[0], failed, "rejected")]);
            crashed = leased[1];

            // Disposed without settling: the dispatcher holding b "crashed".
        }

        await using var second = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time);

        (await second.GetStatisticsAsync()).Should().Be(new OutboxStatistics(3, Start, 1));
        var dead = await second.GetDeadLetterAsync(ids[0]);
        dead!.Attempts.Should().Equal(failed);
        dead.Set.Should().Be(Item("a").Set);
        (await second.LeaseAsync(10, Start, LeaseTime)).Select(m => m.Id).Should().Equal([ids[2]], "b is still leased and d waits behind c");
        var retaken = (await second.LeaseAsync(10, Start + LeaseTime, LeaseTime)).Single(m => m.Id == crashed.Id);
        retaken.LeaseToken.Should().NotBe(crashed.LeaseToken, "lease tokens are never handed out twice, even across a restart");
        await second.SettleAsync([OutboxSettlement.Delivered(crashed, Delivered())]);
        (await second.GetStatisticsAsync()).Pending.Should().Be(3, "the crashed dispatcher's late settlement is ignored");
        (await second.EnqueueAsync([Item("e")]))[0].Should().BeGreaterThan(ids[3]);
    }

    [Test]
    public async Task ReleaseAllLeasesAsync_AfterACrash_SetsDueAtOnce()
    {
        await using (var first = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time))
        {
            await first.EnqueueAsync([Item("a"), Item("b")]);
            (await first.LeaseAsync(10, Start, LeaseTime)).Should().HaveCount(2);
        }

        await using var second = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time);

        (await second.ReleaseAllLeasesAsync()).Should().Be(2);
        (await second.LeaseAsync(10, Start, LeaseTime)).Should().HaveCount(2);
    }

    [Test]
    public async Task OpenAsync_TwoInstancesOnOneFile_EachSeesTheOthersWork()
    {
        await using var one = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time);
        await using var two = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time);

        var fromOne = Enumerable.Range(0, 20).Select(i => Task.Run(async () => (await one.EnqueueAsync([Item($"one-{i}")]))[0]));
        var fromTwo = Enumerable.Range(0, 20).Select(i => Task.Run(async () => (await two.EnqueueAsync([Item($"two-{i}")]))[0]));
        var ids = await Task.WhenAll(fromOne.Concat(fromTwo));

        ids.Should().OnlyHaveUniqueItems();
        var leasedByTwo = await two.LeaseAsync(25, Start, LeaseTime);
        var leasedByOne = await one.LeaseAsync(25, Start, LeaseTime);
        leasedByTwo.Should().HaveCount(25);
        leasedByOne.Select(m => m.Id).Should().HaveCount(15).And.NotIntersectWith(leasedByTwo.Select(m => m.Id), "a lease keeps the other instance away");
        await one.SettleAsync([.. leasedByTwo.Select(m => OutboxSettlement.Delivered(m, Delivered()))]);
        (await two.GetStatisticsAsync()).Pending.Should().Be(15);
    }

    [Test]
    public async Task EnqueueAsync_TenThousandInOneCall_AllStoredInOrder()
    {
        await using var outbox = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time);
        var items = Enumerable.Range(0, 10_000).Select(i => new OutboxItem($"set-{i}", $"https://d{i % 7}.example/", i % 3 == 0 ? $"k{i % 5}" : null)).ToArray();

        var ids = await outbox.EnqueueAsync(items);

        ids.Should().HaveCount(10_000).And.BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (await outbox.GetStatisticsAsync()).Should().Be(new OutboxStatistics(10_000, Start, 0));
    }

    [Test]
    public async Task EnqueueAsync_BatchFailsAtItsLastItem_NothingStored()
    {
        await using var outbox = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time);
        using (var raw = RawSqlite.Open(FilePath))
        {
            RawSqlite.Execute(raw, "CREATE TRIGGER poison BEFORE INSERT ON outbox_pending WHEN NEW.set_token = 'poison' BEGIN SELECT RAISE(ABORT, 'poison'); END");
        }

        var items = Enumerable.Range(0, 10_000).Select(i => new OutboxItem(i == 9_999 ? "poison" : $"set-{i}", "https://d.example/")).ToArray();

        await outbox.Invoking(o => o.EnqueueAsync(items).AsTask()).Should().ThrowAsync<SqliteException>();
        (await outbox.GetStatisticsAsync()).Pending.Should().Be(0, "a batch is one transaction");
        (await outbox.EnqueueAsync([Item("after")])).Should().ContainSingle("the outbox works on after the failed batch");
    }

    [Test]
    public async Task OpenAsync_NotADatabase_ThrowsInvalidDataException()
    {
        await File.WriteAllTextAsync(FilePath, new string('x', 4096));

        var open = () => SqliteSecurityEventOutbox.OpenAsync(FilePath, Time);

        (await open.Should().ThrowAsync<InvalidDataException>()).WithMessage($"*{FilePath}*not a usable SQLite database*");
    }

    [Test]
    public async Task OpenAsync_NewerSchemaVersion_ThrowsInvalidDataException()
    {
        using (var raw = RawSqlite.Open(FilePath))
        {
            RawSqlite.Execute(raw, "PRAGMA user_version = 99");
        }

        var open = () => SqliteSecurityEventOutbox.OpenAsync(FilePath, Time);

        (await open.Should().ThrowAsync<InvalidDataException>()).WithMessage("*schema version 99*reads version 2*");
    }

    [Test]
    public async Task Methods_AfterDispose_ThrowObjectDisposedException()
    {
        var outbox = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time);
        await outbox.DisposeAsync();
        outbox.Dispose();

        await outbox.Invoking(o => o.EnqueueAsync([Item("a")]).AsTask()).Should().ThrowAsync<ObjectDisposedException>();
        await outbox.Invoking(o => o.GetStatisticsAsync().AsTask()).Should().ThrowAsync<ObjectDisposedException>();
    }

    private static OutboxItem Item(string jti, string? orderingKey = null) => new(PushSets.Token(jti), "https://a.example/events", orderingKey);

    private static OutboxAttempt Delivered() => new(Start, PushOutcome.Delivered, 202, null, null);
}
