using SecEvent.Delivery.Poll;

namespace SecEvent.Delivery.Outbox;

/// <summary>
/// An <see cref="ISecurityEventOutbox"/> and <see cref="ISecurityEventPollQueue"/> in process memory: fast and thread-safe, but not durable — whatever is pending
/// when the process ends is lost. For tests, development and transmitters that can regenerate their events; use a
/// durable store (<c>SecEvent.Delivery.Sqlite</c>) for assured delivery.
/// </summary>
public sealed partial class InMemorySecurityEventOutbox : ISecurityEventPollQueue
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<long, Entry> _pending = [];

    // Every pending SET that may be leased, by due time; SETs waiting behind an earlier one of their ordering key are not
    // in it. Removed and re-added whenever a due time changes, so it never holds stale pairs.
    private readonly SortedSet<(DateTimeOffset Due, long Id)> _due = [];

    // The same pairs by destination, for a poll of one stream, and the pending ids by destination and jti, for its
    // acknowledgements.
    private readonly Dictionary<string, SortedSet<(DateTimeOffset Due, long Id)>> _dueByDestination = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Destination, string Jti), SortedSet<long>> _byJti = [];

    // The pending ids of each ordering key; the smallest is the only one that may be due.
    private readonly Dictionary<string, SortedSet<long>> _orderingQueues = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, OutboxDeadLetter> _deadLetters = [];
    private long _lastId;
    private long _lastLeaseToken;
    private TaskCompletionSource _enqueued = NewSignal();

    /// <summary>Creates an empty outbox.</summary>
    /// <param name="timeProvider">The clock for enqueue times; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemorySecurityEventOutbox(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<long>> EnqueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        cancellationToken.ThrowIfCancellationRequested();
        if (items.Any(item => item is null))
        {
            throw new ArgumentException("An item is null; none was stored.", nameof(items)); // All or nothing, as a transaction.
        }

        var ids = new long[items.Count];
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var entry = new Entry(++_lastId, item.Set, item.Destination, item.OrderingKey, item.Jti, now);
                Add(entry, now);
                ids[i] = entry.Id;
            }
        }

        SignalEnqueued();
        return ValueTask.FromResult<IReadOnlyList<long>>(ids);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxMessage>> LeaseAsync(int maxCount, DateTimeOffset now, TimeSpan leaseDuration, IReadOnlySet<string>? excludedDestinations = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var chosen = new List<Entry>();
            foreach (var (_, id) in _due.GetViewBetween((DateTimeOffset.MinValue, long.MinValue), (now, long.MaxValue)))
            {
                var entry = _pending[id];
                if (excludedDestinations?.Contains(entry.Destination) != true)
                {
                    chosen.Add(entry);
                    if (chosen.Count == maxCount)
                    {
                        break;
                    }
                }
            }

            var leased = new OutboxMessage[chosen.Count];
            for (var i = 0; i < chosen.Count; i++)
            {
                var entry = chosen[i];
                entry.LeaseToken = ++_lastLeaseToken;
                SetDue(entry, now + leaseDuration);
                leased[i] = entry.ToMessage();
            }

            return ValueTask.FromResult<IReadOnlyList<OutboxMessage>>(leased);
        }
    }

    /// <inheritdoc />
    public ValueTask SettleAsync(IReadOnlyList<OutboxSettlement> settlements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            foreach (var settlement in settlements)
            {
                // Token 0 is no lease: an unleased SET is never settled.
                if (settlement.Message.LeaseToken != 0 && _pending.TryGetValue(settlement.Message.Id, out var entry) && entry.LeaseToken == settlement.Message.LeaseToken)
                {
                    Settle(entry, settlement, now);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> ReleaseAllLeasesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        var released = 0;
        lock (_gate)
        {
            foreach (var entry in _pending.Values)
            {
                if (entry.LeaseToken != 0)
                {
                    entry.LeaseToken = 0;
                    SetDue(entry, now);
                    released++;
                }
            }
        }

        return ValueTask.FromResult(released);
    }

    /// <inheritdoc />
    public ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult<DateTimeOffset?>(_due.Count == 0 ? null : _due.Min.Due);
        }
    }

    /// <inheritdoc />
    public Task WaitForEnqueueAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _enqueued.Task.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask<OutboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            DateTimeOffset? oldest = null;
            foreach (var entry in _pending.Values)
            {
                if (oldest is null || entry.EnqueuedAt < oldest)
                {
                    oldest = entry.EnqueuedAt;
                }
            }

            return ValueTask.FromResult(new OutboxStatistics(_pending.Count, oldest, _deadLetters.Count));
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes the current enqueue signal, outside the lock, and puts a fresh one in its place.</summary>
    private void SignalEnqueued()
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            signal = _enqueued;
            _enqueued = NewSignal();
        }

        signal.TrySetResult();
    }

    private void Add(Entry entry, DateTimeOffset now)
    {
        _pending.Add(entry.Id, entry);
        if (entry.Jti is { } jti)
        {
            if (!_byJti.TryGetValue((entry.Destination, jti), out var ids))
            {
                _byJti.Add((entry.Destination, jti), ids = []);
            }

            ids.Add(entry.Id);
        }

        if (entry.OrderingKey is { } key)
        {
            if (!_orderingQueues.TryGetValue(key, out var queue))
            {
                _orderingQueues.Add(key, queue = []);
            }

            queue.Add(entry.Id);
            if (queue.Count > 1)
            {
                // An earlier SET of this key is pending (or, after a re-drive, a later one already heads the queue):
                // this one waits until the key's head leaves the outbox.
                return;
            }
        }

        SetDue(entry, now);
    }

    private void Settle(Entry entry, OutboxSettlement settlement, DateTimeOffset now)
    {
        if (settlement.Attempt is { } attempt)
        {
            entry.Attempts.Add(attempt);
        }

        entry.LeaseToken = 0;
        switch (settlement.Kind)
        {
            case OutboxSettlementKind.Retry:
                entry.OfferedUntil = null;
                SetDue(entry, settlement.NextAttemptAt ?? now);
                break;
            case OutboxSettlementKind.Release:
                entry.OfferedUntil = null; // A poll response given back unsent offered nothing.
                SetDue(entry, now);
                break;
            case OutboxSettlementKind.DeadLetter:
                Remove(entry, now);
                _deadLetters.Add(entry.Id, new OutboxDeadLetter
                {
                    Id = entry.Id,
                    Jti = entry.Jti,
                    Destination = entry.Destination,
                    OrderingKey = entry.OrderingKey,
                    EnqueuedAt = entry.EnqueuedAt,
                    DeadAt = settlement.Attempt?.At ?? now,
                    Reason = settlement.Reason!,
                    AttemptCount = entry.Attempts.Count,
                    Attempts = [.. entry.Attempts],
                    Set = entry.Set,
                });
                break;
            default:
                Remove(entry, now);
                break;
        }
    }

    private void Remove(Entry entry, DateTimeOffset now)
    {
        _pending.Remove(entry.Id);
        var wasDue = RemoveDue(entry);
        if (entry.Jti is { } jti && _byJti.TryGetValue((entry.Destination, jti), out var ids))
        {
            ids.Remove(entry.Id);
            if (ids.Count == 0)
            {
                _byJti.Remove((entry.Destination, jti));
            }
        }

        if (entry.OrderingKey is not { } key)
        {
            return;
        }

        var queue = _orderingQueues[key];
        queue.Remove(entry.Id);
        if (queue.Count == 0)
        {
            _orderingQueues.Remove(key);
        }
        else if (wasDue)
        {
            // The key's head left: the next one is due. A SET acknowledged while it still waited behind the head leaves
            // the head as it was, leased or not.
            SetDue(_pending[queue.Min], now);
        }
    }

    private void SetDue(Entry entry, DateTimeOffset due)
    {
        RemoveDue(entry);
        entry.Due = due;
        _due.Add((due, entry.Id));
        if (!_dueByDestination.TryGetValue(entry.Destination, out var destination))
        {
            _dueByDestination.Add(entry.Destination, destination = []);
        }

        destination.Add((due, entry.Id));
    }

    /// <summary>Takes the entry out of the due sets; false when it was not in them (it waits behind its ordering key).</summary>
    private bool RemoveDue(Entry entry)
    {
        if (!_due.Remove((entry.Due, entry.Id)))
        {
            return false;
        }

        var destination = _dueByDestination[entry.Destination];
        destination.Remove((entry.Due, entry.Id));
        if (destination.Count == 0)
        {
            _dueByDestination.Remove(entry.Destination);
        }

        return true;
    }

    private sealed class Entry(long id, string set, string destination, string? orderingKey, string? jti, DateTimeOffset enqueuedAt)
    {
        public long Id { get; } = id;

        public string Set { get; } = set;

        public string Destination { get; } = destination;

        public string? OrderingKey { get; } = orderingKey;

        public string? Jti { get; } = jti;

        public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

        // Meaningful only while the entry is in _due; a waiting entry keeps its last value.
        public DateTimeOffset Due { get; set; } = DateTimeOffset.MinValue;

        public long LeaseToken { get; set; }

        // The end of the lease of this SET's latest poll offer, until the offer is counted as an attempt (when the SET is
        // offered again) or given back unsent.
        public DateTimeOffset? OfferedUntil { get; set; }

        public List<OutboxAttempt> Attempts { get; } = [];

        public OutboxMessage ToMessage() => new()
        {
            Id = Id,
            LeaseToken = LeaseToken,
            Set = Set,
            Destination = Destination,
            OrderingKey = OrderingKey,
            Jti = Jti,
            EnqueuedAt = EnqueuedAt,
            Attempts = Attempts.Count,
        };
    }
}
