using SecEvent.Delivery.Diagnostics;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;

namespace SecEvent.Delivery.Ssf;

/// <summary>Keeping and surfacing stream status changes (OpenID SSF 1.0 §8.1.5).</summary>
public sealed partial class SsfStreamEventSink
{
    /// <summary>
    /// Applies a status change unless a later one is known (SSF-37: delivery is not ordered), then surfaces it. One
    /// change at a time, so the callback sees changes in the order they are applied.
    /// </summary>
    private async ValueTask ApplyAsync(string streamId, SsfStreamUpdatedEvent updated, SecurityEventToken token, CancellationToken cancellationToken)
    {
        var update = new SsfStreamUpdate
        {
            StreamId = streamId,
            Status = updated.Status,
            Reason = updated.Reason,
            Issuer = token.Issuer,
            JwtId = token.JwtId,
            IssuedAt = token.IssuedAt,
            TimeOfEvent = token.TimeOfEvent,
        };

        await _statusGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_statuses.TryGetValue(streamId, out var known) && update.ChangedAt < known.ChangedAt)
            {
                Log.SsfEventStreamUpdateStale(_logger, token.JwtId, token.Issuer, update.Status, streamId);
                SsfEventInstruments.RecordEvent(SsfEventInstruments.Kinds.StreamUpdated, SsfEventInstruments.Outcomes.Stale);
                return;
            }

            _statuses[streamId] = update;
            Log.SsfEventStreamUpdated(_logger, streamId, update.Status, token.JwtId, token.Issuer);
            SsfEventInstruments.RecordEvent(SsfEventInstruments.Kinds.StreamUpdated, SsfEventInstruments.Outcomes.Applied);
            if (_streamUpdated is not null)
            {
                await _streamUpdated(update, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _statusGate.Release();
        }
    }
}
