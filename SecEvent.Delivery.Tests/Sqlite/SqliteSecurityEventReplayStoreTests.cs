using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Sqlite;

namespace SecEvent.Delivery.Tests.Sqlite;

public class SqliteSecurityEventReplayStoreTests : SqliteFileTests
{
    [Test]
    public async Task ContainsAsync_Reopened_EntriesSurviveAndStillExpire()
    {
        await using (var first = await SqliteSecurityEventReplayStore.OpenAsync(FilePath, Time))
        {
            await first.AddAsync("iss", "jti", Start.AddMinutes(5), default);
        }

        await using var second = await SqliteSecurityEventReplayStore.OpenAsync(FilePath, Time);

        (await second.ContainsAsync("iss", "jti", default)).Should().BeTrue();
        Time.Advance(TimeSpan.FromMinutes(5));
        (await second.ContainsAsync("iss", "jti", default)).Should().BeFalse();
    }

    [Test]
    public async Task AddAsync_ManyAdditions_ExpiredEntriesDeletedInBoundedSlices()
    {
        await using var store = await SqliteSecurityEventReplayStore.OpenAsync(FilePath, Time);
        for (var i = 0; i < 300; i++)
        {
            await store.AddAsync("iss", $"old-{i}", Start.AddMinutes(1), default);
        }

        Time.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 256; i++)
        {
            await store.AddAsync("iss", $"new-{i}", Time.Now.AddMinutes(1), default);
        }

        using var raw = RawSqlite.Open(FilePath);
        RawSqlite.Scalar(raw, "SELECT COUNT(*) FROM replay_entries").Should().Be(256L, "the 300 expired entries were purged");
        (await store.ContainsAsync("iss", "new-0", default)).Should().BeTrue();
    }

    [Test]
    public async Task OpenAsync_FileSharedWithAnOutbox_BothWork()
    {
        await using var outbox = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time);
        await using var store = await SqliteSecurityEventReplayStore.OpenAsync(FilePath, Time);

        await outbox.EnqueueAsync([new OutboxItem("set", "https://a.example/")]);
        await store.AddAsync("iss", "jti", Start.AddHours(1), default);

        (await outbox.GetStatisticsAsync()).Pending.Should().Be(1);
        (await store.ContainsAsync("iss", "jti", default)).Should().BeTrue();
    }
}
