using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Sqlite;

/// <summary>An outbox file held by one process, its leases in memory: what a crash and a reopening leave.</summary>
public class SqliteExclusiveOutboxTests : SqliteFileTests
{
    [Test]
    public async Task OpenExclusiveAsync_AfterACrashWithLeasesHeld_TheirSetsDueAtOnce()
    {
        long[] ids;
        await using (var crashed = await SqliteSecurityEventOutbox.OpenExclusiveAsync(FilePath, Time))
        {
            ids = [.. await crashed.EnqueueAsync([Item("a"), Item("b", "k"), Item("c", "k")])];
            (await crashed.LeaseAsync(10, Start, TimeSpan.FromHours(1))).Should().HaveCount(2, "b heads its key; c waits");
        }

        await using var reopened = await SqliteSecurityEventOutbox.OpenExclusiveAsync(FilePath, Time);
        var leased = await reopened.LeaseAsync(10, Start, TimeSpan.FromHours(1));

        leased.Select(m => m.Id).Should().Equal(ids[0], ids[1]);
        (await reopened.GetStatisticsAsync()).Pending.Should().Be(3);
    }

    [Test]
    public async Task OpenExclusiveAsync_FileWithSharedModeLeases_LeasesReturned()
    {
        await using (var shared = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time))
        {
            await shared.EnqueueAsync([Item("a")]);
            (await shared.LeaseAsync(1, Start, TimeSpan.FromHours(1))).Should().ContainSingle();
        }

        await using var exclusive = await SqliteSecurityEventOutbox.OpenExclusiveAsync(FilePath, Time);

        (await exclusive.LeaseAsync(1, Start, TimeSpan.FromHours(1))).Should().ContainSingle("a lease written by a shared-mode instance is returned");
    }

    [Test]
    public async Task LeaseAsync_InMemoryLease_WritesNothingToTheFile()
    {
        await using var outbox = await SqliteSecurityEventOutbox.OpenExclusiveAsync(FilePath, Time);
        await outbox.EnqueueAsync([Item("a")]);

        var leased = (await outbox.LeaseAsync(1, Start, TimeSpan.FromMinutes(1))).Single();

        (await outbox.LeaseAsync(1, Start, TimeSpan.FromMinutes(1))).Should().BeEmpty("it is leased");
        (await outbox.NextDueAsync()).Should().Be(Start + TimeSpan.FromMinutes(1), "a leased SET is due when its lease ends");
        await outbox.SettleAsync([OutboxSettlement.Delivered(leased, new OutboxAttempt(Start, SecEvent.Delivery.Push.PushOutcome.Delivered, 202, null, "202"))]);
        (await outbox.GetStatisticsAsync()).Pending.Should().Be(0);
    }

    private static OutboxItem Item(string jti, string? orderingKey = null) => new(PushSets.Token(jti), "https://a.example/events", orderingKey);
}
