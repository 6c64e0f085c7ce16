namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// The leases of an outbox opened for one dispatcher process alone: kept in memory instead of written per SET. A crash
/// loses them, which only makes their SETs due again, as returning every lease at start does anyway. Used under the
/// store's connection gate, so never concurrently.
/// </summary>
internal sealed class ProcessLeases
{
    private readonly Dictionary<long, (long Token, long Until)> _leases = [];
    private long _lastToken;

    /// <summary>Forgets the leases that have ended by <paramref name="now"/>: their SETs are due again.</summary>
    public void Prune(long now)
    {
        if (_leases.Count == 0)
        {
            return;
        }

        foreach (var (id, lease) in _leases)
        {
            if (lease.Until <= now)
            {
                _leases.Remove(id);
            }
        }
    }

    /// <summary>The leased ids as a JSON array, for <c>NOT IN json_each(…)</c>.</summary>
    public string IdsJson() => SqliteJson.Ids(_leases.Keys);

    /// <summary>Leases <paramref name="ids"/> until <paramref name="until"/> under one new token, which it returns.</summary>
    public long Take(IEnumerable<long> ids, long until)
    {
        var token = ++_lastToken;
        foreach (var id in ids)
        {
            _leases[id] = (token, until);
        }

        return token;
    }

    /// <summary>Ends the lease of <paramref name="id"/> if <paramref name="token"/> is its current one.</summary>
    public bool TryEnd(long id, long token)
    {
        if (token == 0 || !_leases.TryGetValue(id, out var lease) || lease.Token != token)
        {
            return false;
        }

        _leases.Remove(id);
        return true;
    }

    /// <summary>Ends the leases of <paramref name="ids"/>, whatever their tokens: their SETs left the outbox.</summary>
    public void Forget(IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            _leases.Remove(id);
        }
    }

    /// <summary>The end of the earliest lease, or <see langword="null"/> when none is held.</summary>
    public long? EarliestEnd() => _leases.Count == 0 ? null : _leases.Values.Min(l => l.Until);

    /// <summary>Ends every lease; returns the ids that were leased.</summary>
    public long[] Clear()
    {
        var ids = _leases.Keys.ToArray();
        _leases.Clear();
        return ids;
    }
}
