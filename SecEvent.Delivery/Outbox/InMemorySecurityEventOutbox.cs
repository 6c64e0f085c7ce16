namespace SecEvent.Delivery.Outbox;

/// <summary>
/// An <see cref="ISecurityEventOutbox"/> in process memory: fast and thread-safe, but not durable — whatever is pending
/// when the process ends is lost. For tests, development and transmitters that can regenerate their events; use a
/// durable store (<c>SecEvent.Delivery.Sqlite</c>) for assured delivery.
/// </summary>
public sealed class InMemorySecurityEventOutbox : ISecurityEventOutbox
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<long, Entry> _pending = [];

    // Every pending SET that may be leased, by due time; SETs waiting behind an earlier one of their ordering key are not
    // in it. Removed and re-added whenever a due time changes, so it never holds stale pairs.
    private readonly SortedSet<(DateTimeOffset Due, long Id)> _due = [];

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

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxDeadLetter>> ListDeadLettersAsync(int maxCount, long? afterId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var page = _deadLetters.Values
                .Where(d => afterId is null || d.Id > afterId)
                .Take(maxCount)
                .Select(d => new OutboxDeadLetter
                {
                    Id = d.Id,
                    Jti = d.Jti,
                    Destination = d.Destination,
                    OrderingKey = d.OrderingKey,
                    EnqueuedAt = d.EnqueuedAt,
                    DeadAt = d.DeadAt,
                    Reason = d.Reason,
                    AttemptCount = d.AttemptCount,
                })
                .ToArray();
            return ValueTask.FromResult<IReadOnlyList<OutboxDeadLetter>>(page);
        }
    }

    /// <inheritdoc />
    public ValueTask<OutboxDeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_deadLetters.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public ValueTask<int> RedriveAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        var redriven = 0;
        lock (_gate)
        {
            foreach (var id in ids)
            {
                if (_deadLetters.Remove(id, out var dead))
                {
                    Add(new Entry(dead.Id, dead.Set!, dead.Destination, dead.OrderingKey, dead.Jti, now), now);
                    redriven++;
                }
            }
        }

        if (redriven > 0)
        {
            SignalEnqueued();
        }

        return ValueTask.FromResult(redriven);
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteDeadLettersAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(ids.Count(_deadLetters.Remove));
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
                SetDue(entry, settlement.NextAttemptAt ?? now);
                break;
            case OutboxSettlementKind.Release:
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
        _due.Remove((entry.Due, entry.Id));
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
        else
        {
            SetDue(_pending[queue.Min], now);
        }
    }

    private void SetDue(Entry entry, DateTimeOffset due)
    {
        _due.Remove((entry.Due, entry.Id));
        entry.Due = due;
        _due.Add((due, entry.Id));
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
