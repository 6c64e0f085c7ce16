namespace SecEvent.Delivery.Outbox;

/// <summary>
/// Where SETs wait for delivery: stored before <see cref="EnqueueAsync"/> returns, leased by dispatchers, settled as
/// delivered, retried or dead-lettered, and never lost in between.
/// </summary>
/// <remarks>
/// <para>Implementations are thread-safe. A lease lasts until settled or until it expires; an expired lease (its
/// dispatcher crashed) is leased again, so delivery is at least once and recipients deduplicate (RFC 8935 §2: a SET
/// may be transmitted again).</para>
/// <para>Among SETs sharing an <see cref="OutboxItem.OrderingKey"/>, only the oldest pending one is ever leased, and not
/// while it is leased already: such SETs are delivered one at a time, in order.</para>
/// </remarks>
public interface ISecurityEventOutbox
{
    /// <summary>Stores <paramref name="items"/> in one transaction; returns once they are durable.</summary>
    /// <param name="items">The SETs to deliver, due at once.</param>
    /// <param name="cancellationToken">Stops the call before the commit; after it, the items are stored.</param>
    /// <returns>The ids given to the items, in order.</returns>
    ValueTask<IReadOnlyList<long>> EnqueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken = default);

    /// <summary>Leases up to <paramref name="maxCount"/> SETs due at <paramref name="now"/>, earliest due first.</summary>
    /// <param name="maxCount">The most SETs to lease.</param>
    /// <param name="now">The current time.</param>
    /// <param name="leaseDuration">How long the lease lasts unless settled; the SET is due again when it ends.</param>
    /// <param name="excludedDestinations">
    /// Destinations to leave alone, such as those already at their concurrency limit; <see langword="null"/> for none.
    /// </param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The leased SETs; empty when none is due.</returns>
    ValueTask<IReadOnlyList<OutboxMessage>> LeaseAsync(int maxCount, DateTimeOffset now, TimeSpan leaseDuration, IReadOnlySet<string>? excludedDestinations = null, CancellationToken cancellationToken = default);

    /// <summary>Writes the end of many leases in one transaction; a settlement whose lease is no longer current is ignored.</summary>
    /// <param name="settlements">The settlements.</param>
    /// <param name="cancellationToken">Stops the call before the commit.</param>
    /// <returns>A task that completes once the settlements are durable.</returns>
    ValueTask SettleAsync(IReadOnlyList<OutboxSettlement> settlements, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns every lease at once, as if each had expired: for a dispatcher that is the outbox's only one, starting
    /// after a crash.
    /// </summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>How many leases were returned.</returns>
    ValueTask<int> ReleaseAllLeasesAsync(CancellationToken cancellationToken = default);

    /// <summary>When the next pending, unleased SET becomes due, or <see langword="null"/> when none waits.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The earliest due time; leases count as due when they expire.</returns>
    ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default);

    /// <summary>Returns a task that completes at the next enqueue through this instance.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>
    /// A task that completes at the next enqueue. A dispatcher takes it <em>before</em> looking for due SETs, so that an
    /// enqueue in between is never missed; enqueues by other processes are not seen and must be polled for.
    /// </returns>
    Task WaitForEnqueueAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts pending SETs and dead letters.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The counts and the oldest pending SET's enqueue time.</returns>
    ValueTask<OutboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists dead letters by ascending id, without their SETs or attempts.</summary>
    /// <param name="maxCount">The most to return.</param>
    /// <param name="afterId">Returns those with a greater id, for paging; <see langword="null"/> from the start.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The dead letters.</returns>
    ValueTask<IReadOnlyList<OutboxDeadLetter>> ListDeadLettersAsync(int maxCount, long? afterId = null, CancellationToken cancellationToken = default);

    /// <summary>Returns one dead letter with its SET and every attempt, or <see langword="null"/>.</summary>
    /// <param name="id">The dead letter's id.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The dead letter, or <see langword="null"/> when there is none with that id.</returns>
    ValueTask<OutboxDeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Moves dead letters back to pending, due at <paramref name="now"/>, with their attempt counts and age reset.</summary>
    /// <param name="ids">The dead letters to re-drive; unknown ids are skipped.</param>
    /// <param name="now">The time they become due and count their age from.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>How many were re-driven.</returns>
    ValueTask<int> RedriveAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Deletes dead letters for good, with their SETs and attempts.</summary>
    /// <param name="ids">The dead letters to delete; unknown ids are skipped.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>How many were deleted.</returns>
    ValueTask<int> DeleteDeadLettersAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default);
}
