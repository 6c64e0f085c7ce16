using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Outbox;

public sealed partial class InMemorySecurityEventOutbox
{
    /// <summary>The cause recorded for an offer that ended without an acknowledgement; the SQLite store writes the same.</summary>
    internal const string UnacknowledgedOfferCause = "Offered in a poll response; not acknowledged before the lease ended.";

    /// <inheritdoc />
    public ValueTask<PollLease> LeaseStreamAsync(string stream, int maxCount, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_dueByDestination.TryGetValue(stream, out var due))
            {
                return ValueTask.FromResult(PollLease.Empty);
            }

            // One more than asked tells whether more are due.
            var chosen = new List<Entry>();
            foreach (var (_, id) in due.GetViewBetween((DateTimeOffset.MinValue, long.MinValue), (now, long.MaxValue)))
            {
                chosen.Add(_pending[id]);
                if (chosen.Count > maxCount)
                {
                    break;
                }
            }

            var more = chosen.Count > maxCount;
            var until = now + leaseDuration;
            var leased = new OutboxMessage[Math.Min(chosen.Count, maxCount)];
            for (var i = 0; i < leased.Length; i++)
            {
                var entry = chosen[i];
                if (entry.OfferedUntil is { } ended)
                {
                    // Due again, so the last offer's lease ran out: that offer was an attempt that failed.
                    entry.Attempts.Add(new OutboxAttempt(ended, PushOutcome.Failed, 200, null, UnacknowledgedOfferCause));
                }

                entry.LeaseToken = ++_lastLeaseToken;
                entry.OfferedUntil = until;
                SetDue(entry, until);
                leased[i] = entry.ToMessage();
            }

            return ValueTask.FromResult(new PollLease(leased, more));
        }
    }

    /// <inheritdoc />
    public ValueTask<int> AcknowledgeAsync(string stream, IReadOnlyCollection<string> jtis, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(jtis);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        var removed = 0;
        lock (_gate)
        {
            foreach (var jti in jtis)
            {
                foreach (var entry in Take(stream, jti))
                {
                    Remove(entry, now);
                    removed++;
                }
            }
        }

        return ValueTask.FromResult(removed);
    }

    /// <inheritdoc />
    public ValueTask<int> RejectAsync(string stream, IReadOnlyDictionary<string, PollSetError> errors, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(errors);
        cancellationToken.ThrowIfCancellationRequested();
        var moved = 0;
        lock (_gate)
        {
            foreach (var (jti, error) in errors)
            {
                ArgumentNullException.ThrowIfNull(error, nameof(errors));
                foreach (var entry in Take(stream, jti))
                {
                    var reason = error.ToString();
                    entry.Attempts.Add(new OutboxAttempt(now, PushOutcome.Rejected, null, error.Code, reason));
                    Remove(entry, now);
                    _deadLetters.Add(entry.Id, new OutboxDeadLetter
                    {
                        Id = entry.Id,
                        Jti = entry.Jti,
                        Destination = entry.Destination,
                        OrderingKey = entry.OrderingKey,
                        EnqueuedAt = entry.EnqueuedAt,
                        DeadAt = now,
                        Reason = reason,
                        AttemptCount = entry.Attempts.Count,
                        Attempts = [.. entry.Attempts],
                        Set = entry.Set,
                    });
                    moved++;
                }
            }
        }

        return ValueTask.FromResult(moved);
    }

    /// <summary>The pending entries of <paramref name="stream"/> with <paramref name="jti"/>, copied so that they can be removed.</summary>
    private Entry[] Take(string stream, string jti) =>
        jti is not null && _byJti.TryGetValue((stream, jti), out var ids) ? [.. ids.Select(id => _pending[id])] : [];
}
