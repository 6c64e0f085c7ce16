using System.Collections.Concurrent;

namespace SecEvent.Tokens;

/// <summary>
/// A process-local <see cref="ISecurityEventReplayCache"/> that keeps each (<c>iss</c>, <c>jti</c>) for a retention
/// period (or until <c>exp</c>, if later). Bounded: when full, expired entries go first, then the oldest.
/// </summary>
/// <remarks>Entries are lost on restart; use a durable store when replays must be refused across restarts.</remarks>
public sealed class InMemorySecurityEventReplayCache : ISecurityEventReplayCache
{
    private readonly ConcurrentDictionary<(string Issuer, string JwtId), DateTimeOffset> _entries = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retention;
    private readonly int _capacity;

    /// <summary>Creates a cache.</summary>
    /// <param name="retention">How long an entry is kept when the token has no later <c>exp</c>.</param>
    /// <param name="capacity">The most entries kept.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemorySecurityEventReplayCache(TimeSpan retention, int capacity = 100_000, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _retention = retention;
        _capacity = capacity;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The number of entries held now, expired ones included until they are purged.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public ValueTask<bool> TryAddAsync(string issuer, string jwtId, NumericDate? expiration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(jwtId);
        var now = _timeProvider.GetUtcNow();
        var keepUntil = now + _retention;
        if (expiration is { } exp && exp.ToDateTimeOffset() > keepUntil)
        {
            keepUntil = exp.ToDateTimeOffset();
        }

        if (_entries.Count >= _capacity)
        {
            Purge(now);
        }

        // Add, or take over an expired entry; a live entry means a replay. Loops only on concurrent changes.
        var key = (issuer, jwtId);
        while (true)
        {
            if (_entries.TryAdd(key, keepUntil))
            {
                return ValueTask.FromResult(true);
            }

            if (_entries.TryGetValue(key, out var until))
            {
                if (until > now)
                {
                    return ValueTask.FromResult(false);
                }

                if (_entries.TryUpdate(key, keepUntil, until))
                {
                    return ValueTask.FromResult(true);
                }
            }
        }
    }

    private void Purge(DateTimeOffset now)
    {
        foreach (var entry in _entries)
        {
            if (entry.Value <= now)
            {
                _entries.TryRemove(entry);
            }
        }

        // Still full: drop the entries closest to expiry, a tenth of the capacity at a time.
        var excess = _entries.Count - _capacity + Math.Max(1, _capacity / 10);
        if (excess > 0)
        {
            foreach (var entry in _entries.OrderBy(e => e.Value).Take(excess).ToList())
            {
                _entries.TryRemove(entry);
            }
        }
    }
}
