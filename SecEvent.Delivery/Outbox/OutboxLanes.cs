namespace SecEvent.Delivery.Outbox;

/// <summary>
/// The SETs one dispatcher run holds, by destination: at most a fixed number in flight per destination, the rest queued
/// behind them in lease order. Thread-safe.
/// </summary>
internal sealed class OutboxLanes(int maxPerDestination)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private int _active;
    private int _waiting;

    /// <summary>The SETs being pushed.</summary>
    public int Active
    {
        get
        {
            lock (_gate)
            {
                return _active;
            }
        }
    }

    /// <summary>The SETs queued behind a full destination.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting;
            }
        }
    }

    /// <summary>Takes <paramref name="held"/>; returns whether it may be pushed now, else it waits for its lane.</summary>
    public bool TryStart(HeldMessage held)
    {
        lock (_gate)
        {
            if (!_lanes.TryGetValue(held.Message.Destination, out var lane))
            {
                _lanes.Add(held.Message.Destination, lane = new Lane());
            }

            if (lane.Active < maxPerDestination)
            {
                lane.Active++;
                _active++;
                return true;
            }

            lane.Waiting.Enqueue(held);
            _waiting++;
            return false;
        }
    }

    /// <summary>Lets go of a SET that was pushed; returns the next one waiting for the same destination, to push now.</summary>
    public HeldMessage? Finish(string destination)
    {
        lock (_gate)
        {
            var lane = _lanes[destination];
            if (lane.Waiting.TryDequeue(out var next))
            {
                _waiting--;
                return next;
            }

            _active--;

            if (--lane.Active == 0)
            {
                _lanes.Remove(destination);
            }

            return null;
        }
    }

    /// <summary>The destinations that cannot take another SET now, or <see langword="null"/> when none is full.</summary>
    public IReadOnlySet<string>? Saturated()
    {
        lock (_gate)
        {
            HashSet<string>? saturated = null;
            foreach (var (destination, lane) in _lanes)
            {
                if (lane.Active + lane.Waiting.Count >= maxPerDestination)
                {
                    (saturated ??= new HashSet<string>(StringComparer.Ordinal)).Add(destination);
                }
            }

            return saturated;
        }
    }

    private sealed class Lane
    {
        public int Active { get; set; }

        public Queue<HeldMessage> Waiting { get; } = new();
    }
}
