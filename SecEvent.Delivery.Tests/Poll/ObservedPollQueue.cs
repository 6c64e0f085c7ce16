using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// A real poll queue with a window onto its leases: each one is reported, so that a test knows when a long poll has
/// looked and found nothing, or can act at the moment SETs are leased. Every call goes to the real store.
/// </summary>
public sealed class ObservedPollQueue(ISecurityEventPollQueue inner) : ISecurityEventPollQueue, IAsyncDisposable
{
    /// <summary>Released after each lease that found nothing.</summary>
    public SemaphoreSlim EmptyLeases { get; } = new(0);

    /// <summary>Runs after each lease that found SETs, before the transmitter sees them.</summary>
    public Action<PollLease>? Leased { get; set; }

    public async ValueTask<PollLease> LeaseStreamAsync(string stream, int maxCount, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        var lease = await inner.LeaseStreamAsync(stream, maxCount, now, leaseDuration, cancellationToken);
        if (lease.Messages.Count == 0)
        {
            EmptyLeases.Release();
        }
        else
        {
            Leased?.Invoke(lease);
        }

        return lease;
    }

    /// <summary>Waits for a lease that finds nothing, failing rather than hanging.</summary>
    public async Task WaitForEmptyLeaseAsync()
    {
        if (!await EmptyLeases.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("No lease found the stream empty.");
        }
    }

    public ValueTask<int> AcknowledgeAsync(string stream, IReadOnlyCollection<string> jtis, CancellationToken cancellationToken = default) => inner.AcknowledgeAsync(stream, jtis, cancellationToken);

    public ValueTask<int> RejectAsync(string stream, IReadOnlyDictionary<string, PollSetError> errors, DateTimeOffset now, CancellationToken cancellationToken = default) => inner.RejectAsync(stream, errors, now, cancellationToken);

    public ValueTask<IReadOnlyList<long>> EnqueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken = default) => inner.EnqueueAsync(items, cancellationToken);

    public ValueTask<IReadOnlyList<OutboxMessage>> LeaseAsync(int maxCount, DateTimeOffset now, TimeSpan leaseDuration, IReadOnlySet<string>? excludedDestinations = null, CancellationToken cancellationToken = default) =>
        inner.LeaseAsync(maxCount, now, leaseDuration, excludedDestinations, cancellationToken);

    public ValueTask SettleAsync(IReadOnlyList<OutboxSettlement> settlements, CancellationToken cancellationToken = default) => inner.SettleAsync(settlements, cancellationToken);

    public ValueTask<int> ReleaseAllLeasesAsync(CancellationToken cancellationToken = default) => inner.ReleaseAllLeasesAsync(cancellationToken);

    public ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) => inner.NextDueAsync(cancellationToken);

    public Task WaitForEnqueueAsync(CancellationToken cancellationToken = default) => inner.WaitForEnqueueAsync(cancellationToken);

    public ValueTask<OutboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => inner.GetStatisticsAsync(cancellationToken);

    public ValueTask<IReadOnlyList<OutboxDeadLetter>> ListDeadLettersAsync(int maxCount, long? afterId = null, CancellationToken cancellationToken = default) => inner.ListDeadLettersAsync(maxCount, afterId, cancellationToken);

    public ValueTask<OutboxDeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken = default) => inner.GetDeadLetterAsync(id, cancellationToken);

    public ValueTask<int> RedriveAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken = default) => inner.RedriveAsync(ids, now, cancellationToken);

    public ValueTask<int> DeleteDeadLettersAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) => inner.DeleteDeadLettersAsync(ids, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        EmptyLeases.Dispose();
        if (inner is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
