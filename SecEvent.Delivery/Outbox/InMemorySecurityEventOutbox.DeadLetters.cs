namespace SecEvent.Delivery.Outbox;

public sealed partial class InMemorySecurityEventOutbox
{
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
}
