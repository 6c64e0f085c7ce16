using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Tests.Push;

namespace SecEvent.Delivery.Tests.Sqlite;

/// <summary>
/// A durable outbox holds its backlog on disk: a hundred thousand pending SETs (some 60 MB of tokens) leave the managed
/// heap where it was, while they are enqueued, counted, leased and settled.
/// </summary>
public class SqliteOutboxMemoryTests : SqliteFileTests
{
    private const int Pending = 100_000;
    private const long Allowance = 8 * 1024 * 1024;

    [Test]
    [CancelAfter(180_000)]
    public async Task HundredThousandPending_ManagedHeapStaysFlat(CancellationToken cancellationToken)
    {
        await using var outbox = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time, cancellationToken);
        var batch = Enumerable.Range(0, 5_000).Select(_ => new OutboxItem(PushTestKit.Set, "https://rp.example.com/events")).ToArray();
        await outbox.EnqueueAsync(batch, cancellationToken); // Warms up the connection, statements and caches.
        await SettleDeliveredAsync(outbox, 5_000, cancellationToken);
        var before = ManagedHeap();

        for (var enqueued = 0; enqueued < Pending; enqueued += batch.Length)
        {
            await outbox.EnqueueAsync(batch, cancellationToken);
        }

        var afterEnqueue = ManagedHeap();
        var statistics = await outbox.GetStatisticsAsync(cancellationToken);
        await SettleDeliveredAsync(outbox, 2_560, cancellationToken);
        (await outbox.NextDueAsync(cancellationToken)).Should().NotBeNull();
        var afterLeases = ManagedHeap();

        statistics.Pending.Should().Be(Pending);
        (await outbox.GetStatisticsAsync(cancellationToken)).Pending.Should().Be(Pending - 2_560);
        TestContext.Out.WriteLine($"managed heap: {before / 1024} KB before, {afterEnqueue / 1024} KB with {Pending} pending, {afterLeases / 1024} KB after leasing; file {new FileInfo(FilePath).Length / 1024 / 1024} MB");
        (afterEnqueue - before).Should().BeLessThan(Allowance, "the pending SETs stay on disk");
        (afterLeases - before).Should().BeLessThan(Allowance, "a lease reads only the rows it returns");
    }

    private async Task SettleDeliveredAsync(SqliteSecurityEventOutbox outbox, int count, CancellationToken cancellationToken)
    {
        for (var done = 0; done < count; done += 256)
        {
            var leased = await outbox.LeaseAsync(256, Time.GetUtcNow(), TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
            var attempt = new OutboxAttempt(Time.GetUtcNow(), PushOutcome.Delivered, 202, null, "202 Accepted");
            await outbox.SettleAsync([.. leased.Select(m => OutboxSettlement.Delivered(m, attempt))], cancellationToken);
        }
    }

    private static long ManagedHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
