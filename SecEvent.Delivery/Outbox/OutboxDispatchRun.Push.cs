using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Outbox;

internal sealed partial class OutboxDispatchRun
{
    /// <summary>Pushes <paramref name="first"/>, then whatever queued behind it for the same destination. Never throws.</summary>
    private async Task PushLaneAsync(HeldMessage first, CancellationToken stopping)
    {
        await Task.Yield(); // The lease loop goes on while this lane pushes.
        for (var held = first; held is not null;)
        {
            var settlement = await PushAsync(held, stopping).ConfigureAwait(false);
            var written = _writer.WriteAsync(settlement);
            if (_writer.Backlog > _maxBacklog)
            {
                await written.ConfigureAwait(false); // The store is behind: stop pushing until it catches up.
            }

            held = _lanes.Finish(held.Message.Destination);
            var active = _lanes.Active;
            if (active == 0 || _options.MaxConcurrency - active >= _leaseThreshold)
            {
                // Enough room for a lease: wake the loop. Not on every push, which would cost a loop turn per SET.
                WakeLoop();
            }
        }
    }

    private void WakeLoop() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>After a settlement is durable: its metric, its log line and the user's callback.</summary>
    private void OnWritten(OutboxSettlement settlement)
    {
        OutboxInstruments.RecordSettlement(_options.Name, settlement.Kind);
        LogSettlement(settlement);
        try
        {
            _options.Settled?.Invoke(settlement);
        }
        catch (Exception exception)
        {
            Log.OutboxSettledCallbackFailed(_logger, exception, _options.Name);
        }
    }

    private async Task<OutboxSettlement> PushAsync(HeldMessage held, CancellationToken stopping)
    {
        var message = held.Message;

        // A SET that waited for its destination so long that its lease could end mid-push goes back unpushed: another
        // dispatcher may take it once the lease ends, and two pushes at once would be wasted.
        if (stopping.IsCancellationRequested || _timeProvider.GetUtcNow() + _client.Options.TotalTimeout >= held.LeaseEndsAt)
        {
            return OutboxSettlement.Release(message);
        }

        try
        {
            var endpoint = await _options.ResolveEndpoint!(message.Destination, stopping).ConfigureAwait(false);
            if (endpoint is null)
            {
                return OutboxSettlement.DeadLetter(message, null, $"No endpoint is known for destination {message.Destination}.");
            }

            var result = await _client.PushAsync(message.Set, endpoint, stopping).ConfigureAwait(false);
            return _schedule.Settle(message, result, _timeProvider.GetUtcNow());
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return OutboxSettlement.Release(message);
        }
        catch (Exception exception)
        {
            // A resolver that failed, or an endpoint the client refuses (plain http): not the recipient's fault, and
            // perhaps fixed by the time of the next try.
            Log.OutboxDeliveryFailed(_logger, exception, message.Jti, message.Destination);
            return _schedule.AfterException(message, exception, _timeProvider.GetUtcNow());
        }
    }

    private void LogSettlement(OutboxSettlement settlement)
    {
        var message = settlement.Message;
        switch (settlement.Kind)
        {
            case OutboxSettlementKind.Retry:
                Log.OutboxRetryScheduled(_logger, message.Jti, message.Destination, settlement.Attempt?.Cause, settlement.NextAttemptAt!.Value);
                break;
            case OutboxSettlementKind.DeadLetter:
                Log.OutboxDeadLettered(_logger, message.Jti, message.Destination, message.Attempts + (settlement.Attempt is null ? 0 : 1), settlement.Reason!);
                break;
        }
    }
}
