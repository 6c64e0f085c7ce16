using SecEvent.Delivery.Diagnostics;
using SecEvent.Delivery.Outbox;

namespace SecEvent.Delivery.Poll;

public sealed partial class PollTransmitter
{
    // A lease that found SETs to dead-letter leaves room that the next one fills; a stream full of them is worked off
    // over several polls rather than in one.
    private const int MaxLeaseRounds = 8;

    /// <summary>
    /// Leases the SETs for the response, holding a long poll until one is due (RFC 8936 §2.5, POLL-09) or the timeout
    /// passes. An acknowledge-only request is held the same way unless it asks to return at once (POLL-07).
    /// </summary>
    private async ValueTask<Offer> OfferAsync(string stream, PollRequest poll, CancellationToken cancellationToken)
    {
        var wanted = Math.Min(poll.MaxEvents ?? _maxEvents, _maxEvents);
        var hold = poll.ReturnImmediately != true && _longPollTimeout > TimeSpan.Zero;
        var started = _timeProvider.GetTimestamp();
        var held = false;
        try
        {
            while (true)
            {
                // Taken before looking, so that an enqueue in between wakes the wait below at once.
                var enqueued = wanted > 0 ? _queue.WaitForEnqueueAsync(CancellationToken.None) : null;
                var offer = wanted > 0 ? await LeaseAsync(stream, wanted, cancellationToken).ConfigureAwait(false) : Offer.None;
                var remaining = _longPollTimeout - _timeProvider.GetElapsedTime(started);
                if (offer.Sets.Count > 0 || !hold || remaining <= TimeSpan.Zero)
                {
                    if (held)
                    {
                        PollTransmitterInstruments.RecordWait(_timeProvider.GetElapsedTime(started), offer.Sets.Count > 0 ? "sets" : "timeout");
                    }

                    return offer;
                }

                // With nothing to lease, only the timeout ends the wait; otherwise look again now and then, for SETs
                // enqueued by another process or whose lease ran out.
                held = true;
                await WaitAsync(enqueued, enqueued is null || remaining < _recheckInterval ? remaining : _recheckInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (held && cancellationToken.IsCancellationRequested)
        {
            PollTransmitterInstruments.RecordWait(_timeProvider.GetElapsedTime(started), "cancelled");
            throw;
        }
    }

    /// <summary>
    /// Leases up to <paramref name="wanted"/> SETs, dead-letters those too old or offered too often, and gives back a
    /// second SET with a <c>jti</c> already in the response and, if the request is cancelled meanwhile, every SET leased.
    /// </summary>
    private async ValueTask<Offer> LeaseAsync(string stream, int wanted, CancellationToken cancellationToken)
    {
        var sets = new Dictionary<string, string>(StringComparer.Ordinal);
        var offered = new List<OutboxMessage>();
        var more = false;
        for (var round = 0; round < MaxLeaseRounds && sets.Count < wanted; round++)
        {
            var now = _timeProvider.GetUtcNow();
            var lease = await _queue.LeaseStreamAsync(stream, wanted - sets.Count, now, _redeliveryDelay, cancellationToken).ConfigureAwait(false);
            more = lease.MoreAvailable;
            var settlements = new List<OutboxSettlement>();
            var deadLettered = 0;
            foreach (var message in lease.Messages)
            {
                if (DeadLetterReason(message, now) is { } reason)
                {
                    Log.PollSetDeadLettered(_logger, message.Jti, stream, reason.Text);
                    PollTransmitterInstruments.RecordDeadLettered(reason.Tag);
                    settlements.Add(OutboxSettlement.DeadLetter(message, null, reason.Text));
                    deadLettered++;
                }
                else if (sets.TryAdd(message.Jti!, message.Set))
                {
                    offered.Add(message);
                }
                else
                {
                    // Two pending SETs share a jti: the response can carry one; the other waits for the next poll.
                    settlements.Add(OutboxSettlement.Release(message));
                    more = true;
                }
            }

            if (settlements.Count > 0)
            {
                await _queue.SettleAsync(settlements, CancellationToken.None).ConfigureAwait(false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                // No one will read this response: what it would carry is due again at once, not when the lease ends.
                await ReleaseQuietlyAsync(stream, offered).ConfigureAwait(false);
                Log.PollReceiverGone(_logger, stream, offered.Count);
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (deadLettered == 0 || !lease.MoreAvailable)
            {
                break;
            }
        }

        return new Offer(sets, more);
    }

    /// <summary>Why a leased SET is dead-lettered rather than offered, or <see langword="null"/> to offer it.</summary>
    private (string Text, string Tag)? DeadLetterReason(OutboxMessage message, DateTimeOffset now)
    {
        if (message.Jti is null)
        {
            return ("The SET has no jti, which a poll response keys it by (RFC 8936 §2.3).", PollTransmitterInstruments.Reasons.NoJti);
        }

        if (now - message.EnqueuedAt >= _maxAge)
        {
            return ($"Not acknowledged within the maximum age of {_maxAge}, after {message.Attempts} offer(s).", PollTransmitterInstruments.Reasons.MaxAge);
        }

        if (message.Attempts >= _maxOffers)
        {
            return ($"Offered {message.Attempts} time(s) without an acknowledgement, the most allowed.", PollTransmitterInstruments.Reasons.MaxOffers);
        }

        return null;
    }

    /// <summary>Gives back the SETs of a request already cancelled; a failure leaves their leases to run out.</summary>
    private async ValueTask ReleaseQuietlyAsync(string stream, List<OutboxMessage> offered)
    {
        if (offered.Count == 0)
        {
            return;
        }

        try
        {
            await _queue.SettleAsync([.. offered.Select(OutboxSettlement.Release)], CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The request is gone; the SETs are offered again when their leases end.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.PollReleaseFailed(_logger, ex, stream, offered.Count);
        }
    }

    /// <summary>Waits for an enqueue, the timeout or the cancellation, whichever comes first.</summary>
    private async Task WaitAsync(Task? enqueued, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, _timeProvider, wait.Token);
        await (enqueued is null ? Task.WhenAny(delay) : Task.WhenAny(enqueued, delay)).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false); // Drops the timer at once rather than when it fires.
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>The SETs of one response, by <c>jti</c> in lease order, and whether more are waiting.</summary>
    private sealed record Offer(Dictionary<string, string> Sets, bool MoreAvailable)
    {
        public static Offer None => new(new Dictionary<string, string>(StringComparer.Ordinal), false);
    }
}
