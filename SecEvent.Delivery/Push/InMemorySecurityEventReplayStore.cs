namespace SecEvent.Delivery.Push;

/// <summary>
/// An <see cref="ISecurityEventReplayStore"/> in process memory: entries expire on a <see cref="TimeProvider"/> and the
/// number held is bounded. Thread-safe. Forgets everything on restart; use a durable store where that matters.
/// </summary>
/// <remarks>
/// When full, expired entries are dropped first, then the oldest recorded ones, so an attacker who floods the receiver
/// with valid SETs can at worst make a late retransmission reach the sink a second time.
/// </remarks>
public sealed class InMemorySecurityEventReplayStore : ISecurityEventReplayStore
{
    private readonly Dictionary<(string Issuer, string JwtId), DateTimeOffset> _entries = [];
    private readonly Queue<(string Issuer, string JwtId)> _order = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a store.</summary>
    /// <param name="timeProvider">The clock for expiry; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="capacity">The most entries held at once; the default is 100,000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public InMemorySecurityEventReplayStore(TimeProvider? timeProvider = null, int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _timeProvider = timeProvider ?? TimeProvider.System;
        Capacity = capacity;
    }

    /// <summary>The most entries held at once.</summary>
    public int Capacity { get; }

    /// <summary>The number of entries held, expired ones included until they are dropped.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> ContainsAsync(string issuer, string jwtId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(jwtId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            return ValueTask.FromResult(_entries.TryGetValue((issuer, jwtId), out var expiresAt) && expiresAt > now);
        }
    }

    /// <inheritdoc />
    public ValueTask AddAsync(string issuer, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(jwtId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        var key = (issuer, jwtId);
        lock (_gate)
        {
            if (_entries.ContainsKey(key))
            {
                _entries[key] = expiresAt;
                return ValueTask.CompletedTask;
            }

            if (_entries.Count >= Capacity)
            {
                MakeRoom(now);
            }

            _entries[key] = expiresAt;
            _order.Enqueue(key);
        }

        return ValueTask.CompletedTask;
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (key, expiresAt) in _entries)
        {
            if (expiresAt <= now)
            {
                _entries.Remove(key);
            }
        }

        // The queue may name entries already dropped as expired: skip those while taking the oldest.
        while (_entries.Count >= Capacity && _order.TryDequeue(out var oldest))
        {
            _entries.Remove(oldest);
        }

        if (_order.Count > 2 * Capacity)
        {
            var live = _order.Where(_entries.ContainsKey).ToArray();
            _order.Clear();
            foreach (var key in live)
            {
                _order.Enqueue(key);
            }
        }
    }
}
