using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Sqlite;

/// <summary>Poll streams in a file: what a crash and a reopening leave, instances sharing the file, and a file of version 1.</summary>
public class SqlitePollQueueFileTests : SqliteFileTests
{
    private const string Stream = "stream-a";
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(2);

    [TestCase(false)]
    [TestCase(true)]
    public async Task LeaseStreamAsync_AfterACrash_UnacknowledgedOfferedAgainAndAcknowledgedNever(bool exclusive)
    {
        long[] ids;
        await using (var crashed = await OpenAsync(exclusive))
        {
            ids = [.. await crashed.EnqueueAsync([Item("a"), Item("b"), Item("c")])];
            (await crashed.LeaseStreamAsync(Stream, 10, Start, LeaseTime)).Messages.Should().HaveCount(3);
            (await crashed.AcknowledgeAsync(Stream, ["a"])).Should().Be(1);

            // Disposed with b and c leased and unacknowledged: the transmitter "crashed" before their acknowledgement.
        }

        await using var reopened = await OpenAsync(exclusive);
        var atOnce = await reopened.LeaseStreamAsync(Stream, 10, Start, LeaseTime);
        var afterLease = exclusive ? atOnce : await reopened.LeaseStreamAsync(Stream, 10, Start + LeaseTime, LeaseTime);

        if (!exclusive)
        {
            atOnce.Messages.Should().BeEmpty("leases written to a shared file outlive the process until they end");
        }

        afterLease.Messages.Select(m => m.Id).Should().Equal(ids[1], ids[2]);
        afterLease.Messages.Should().OnlyContain(m => m.Attempts == 1, "the offer before the crash was never acknowledged");
        (await reopened.GetStatisticsAsync()).Pending.Should().Be(2);
        (await reopened.AcknowledgeAsync(Stream, ["b", "c"])).Should().Be(2);
        (await reopened.LeaseStreamAsync(Stream, 10, Start.AddHours(1), LeaseTime)).Messages.Should().BeEmpty();
    }

    [Test]
    public async Task LeaseStreamAsync_TwoInstancesSharingAFile_NeverLeaseTheSameSet()
    {
        await using var first = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time);
        await using var second = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time);
        var ids = await first.EnqueueAsync([Item("a"), Item("b"), Item("c")]);

        var one = await first.LeaseStreamAsync(Stream, 2, Start, LeaseTime);
        var two = await second.LeaseStreamAsync(Stream, 10, Start, LeaseTime);

        one.Messages.Select(m => m.Id).Should().Equal(ids[0], ids[1]);
        one.MoreAvailable.Should().BeTrue();
        two.Messages.Select(m => m.Id).Should().Equal(ids[2]);
        (await second.AcknowledgeAsync(Stream, ["a"])).Should().Be(1, "an acknowledgement counts whichever instance leased the SET");
    }

    [Test]
    public async Task OpenAsync_Version1File_UpgradedInPlaceWithItsSetsKept()
    {
        long id;
        await using (var outbox = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time))
        {
            id = (await outbox.EnqueueAsync([Item("a")]))[0];
        }

        using (var raw = RawSqlite.Open(FilePath))
        {
            // What version 1 wrote: no offered_until column and no destination indexes.
            RawSqlite.Execute(raw, """
                DROP INDEX IF EXISTS outbox_pending_destination_due;
                DROP INDEX IF EXISTS outbox_pending_destination_jti;
                ALTER TABLE outbox_pending DROP COLUMN offered_until;
                PRAGMA user_version = 1;
                """);
        }

        await using (var upgraded = await SqliteSecurityEventOutbox.OpenExclusiveAsync(FilePath, Time))
        {
            (await upgraded.LeaseStreamAsync(Stream, 10, Start, LeaseTime)).Messages.Select(m => m.Id).Should().Equal(id);
            (await upgraded.AcknowledgeAsync(Stream, ["a"])).Should().Be(1);
        }

        using var check = RawSqlite.Open(FilePath);
        RawSqlite.Scalar(check, "PRAGMA user_version").Should().Be(2L);
        RawSqlite.Scalar(check, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'outbox_pending_destination_%'").Should().Be(2L);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task PollIndexes_MadeTheFirstTimeTheFileServesAStream_NeverForPushAlone(bool exclusive)
    {
        static long Indexes(string path)
        {
            using var raw = RawSqlite.Open(path);
            return (long)RawSqlite.Scalar(raw, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'outbox_pending_destination_%'")!;
        }

        await using (var outbox = await OpenAsync(exclusive))
        {
            var leased = await outbox.LeaseAsync(10, Start, LeaseTime);
            await outbox.EnqueueAsync([Item("a"), Item("b")]);
            leased = await outbox.LeaseAsync(10, Start, LeaseTime);
            await outbox.SettleAsync([.. leased.Select(m => OutboxSettlement.Release(m))]);
        }

        Indexes(FilePath).Should().Be(0, "a file that only pushes pays for no poll index");

        await using (var outbox = await OpenAsync(exclusive))
        {
            (await outbox.LeaseStreamAsync(Stream, 1, Start, LeaseTime)).Messages.Should().ContainSingle();
        }

        Indexes(FilePath).Should().Be(2);
    }

    private async Task<SqliteSecurityEventOutbox> OpenAsync(bool exclusive) => exclusive
        ? await SqliteSecurityEventOutbox.OpenExclusiveAsync(FilePath, Time)
        : await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time);

    private static OutboxItem Item(string jti) => new(PushSets.Token(jti), Stream);
}
