using SecEvent.Delivery.Diagnostics;
using SecEvent.Tokens.Events;

namespace SecEvent.Delivery.Ssf;

/// <summary>Stream status (OpenID SSF 1.0 §8.1.2): enabled sends, paused holds, disabled drops.</summary>
public sealed partial class SsfTransmitter
{
    /// <summary>How many held SETs are released per store round trip.</summary>
    private const int ReleaseBatch = 256;

    /// <summary>Serialises status changes with the publishing decisions they affect: no SET slips past a pause, none is held after a release.</summary>
    private readonly SemaphoreSlim _statusGate = new(1, 1);

    /// <summary>
    /// Changes a stream's status on the transmitter's own initiative (SSF-29), announcing it with a stream-updated event
    /// (SSF-38): before stopping, when leaving <c>enabled</c>; on re-enabling, before the held SETs are released in order.
    /// </summary>
    /// <param name="streamId">The stream.</param>
    /// <param name="status"><c>enabled</c>, <c>paused</c> or <c>disabled</c>.</param>
    /// <param name="reason">Why, for the receiver; optional.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns><see langword="false"/> when there is no such stream.</returns>
    public async Task<bool> SetStatusAsync(string streamId, string status, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        if (!SsfStreamStatuses.IsDefined(status))
        {
            throw new ArgumentException("The status must be enabled, paused or disabled.", nameof(status));
        }

        var stream = await _store.GetAsync(streamId, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return false;
        }

        await ChangeStatusAsync(stream, status, reason, announce: true, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Pauses, with a stream-updated event, every enabled stream whose last eligible activity is older than
    /// <see cref="SsfTransmitterOptions.InactivityTimeout"/> (§8.1.1). Call it periodically.
    /// </summary>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>How many streams were paused.</returns>
    public async Task<int> PauseInactiveStreamsAsync(CancellationToken cancellationToken = default)
    {
        if (_options.InactivityTimeout is not { } timeout)
        {
            return 0;
        }

        var paused = 0;
        var now = _timeProvider.GetUtcNow();
        foreach (var stream in await _store.ListAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (stream.Status == SsfStreamStatuses.Enabled && now - stream.LastActivityAt >= timeout)
            {
                await ChangeStatusAsync(stream, SsfStreamStatuses.Paused, "inactivity_timeout", announce: true, cancellationToken).ConfigureAwait(false);
                paused++;
            }
        }

        return paused;
    }

    /// <summary>§8.1.2.1: 200 with <c>stream_id</c>, <c>status</c> and <c>reason</c>.</summary>
    private async Task<SsfManagementResponse> ReadStatusAsync(SsfReceiver receiver, string? streamId, CancellationToken cancellationToken)
    {
        var stream = await TouchAsync(await OwnStreamAsync(receiver, streamId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return Json(200, StatusOf(stream).ToUtf8Json());
    }

    /// <summary>§8.1.2.2: the receiver's change, applied at once: 200 echoing the new status.</summary>
    private async Task<SsfManagementResponse> UpdateStatusAsync(SsfReceiver receiver, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var requested = Parse<SsfStreamStatus>(body, SsfStreamStatus.TryParse);
        var stream = await OwnStreamAsync(receiver, requested.StreamId, cancellationToken).ConfigureAwait(false);
        var changed = await ChangeStatusAsync(stream, requested.Status, requested.Reason, announce: false, cancellationToken).ConfigureAwait(false);
        return Json(200, StatusOf(changed).ToUtf8Json());
    }

    private async Task<SsfStream> ChangeStatusAsync(SsfStream stream, string status, string? reason, bool announce, CancellationToken cancellationToken)
    {
        await _statusGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read again under the gate: the caller's copy may predate another change.
            var current = await _store.GetAsync(stream.StreamId, cancellationToken).ConfigureAwait(false) ?? throw SsfRequestRefusedException.NotFound();
            var previous = current.Status;
            if (announce && previous == SsfStreamStatuses.Enabled && status != SsfStreamStatuses.Enabled)
            {
                // SSF-38: announced while the stream still sends, so it goes out before the stream stops.
                await EnqueueAsync(current, StreamUpdated(current, status, reason), cancellationToken).ConfigureAwait(false);
            }

            // A receiver's own change is activity on the stream (§8.1.1); the transmitter's is not.
            var changed = current with { Status = status, Reason = reason, LastActivityAt = announce ? current.LastActivityAt : _timeProvider.GetUtcNow() };
            await _store.UpdateAsync(changed, cancellationToken).ConfigureAwait(false);
            if (status == SsfStreamStatuses.Disabled)
            {
                await DropHeldAsync(changed.StreamId, cancellationToken).ConfigureAwait(false);
            }
            else if (status == SsfStreamStatuses.Enabled && previous != SsfStreamStatuses.Enabled)
            {
                if (announce)
                {
                    await EnqueueAsync(changed, StreamUpdated(changed, status, reason), cancellationToken).ConfigureAwait(false);
                }

                await ReleaseHeldAsync(changed, cancellationToken).ConfigureAwait(false);
            }

            Log.SsfTransmitterStatusChanged(_logger, changed.StreamId, previous, status, announce);
            return changed;
        }
        finally
        {
            _statusGate.Release();
        }
    }

    /// <summary>§8.1.2.1: held SETs go out in the order they were held (so those about one principal in generation order), then are forgotten.</summary>
    private async Task ReleaseHeldAsync(SsfStream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            var held = await _store.ListHeldAsync(stream.StreamId, ReleaseBatch, cancellationToken).ConfigureAwait(false);
            if (held.Count == 0)
            {
                return;
            }

            await EnqueueAsync(stream, [.. held.Select(h => new Outbox.OutboxItem(h.Set, stream.StreamId, h.OrderingKey, h.Jti))], cancellationToken).ConfigureAwait(false);
            await _store.DeleteHeldAsync(stream.StreamId, held[^1].Sequence, cancellationToken).ConfigureAwait(false);
            Log.SsfTransmitterHeldReleased(_logger, stream.StreamId, held.Count);
        }
    }

    private async Task DropHeldAsync(string streamId, CancellationToken cancellationToken)
    {
        while ((await _store.ListHeldAsync(streamId, ReleaseBatch, cancellationToken).ConfigureAwait(false)) is { Count: > 0 } held)
        {
            await _store.DeleteHeldAsync(streamId, held[^1].Sequence, cancellationToken).ConfigureAwait(false);
        }
    }

    private static SsfStreamStatus StatusOf(SsfStream stream) => new() { StreamId = stream.StreamId, Status = stream.Status, Reason = stream.Reason };
}
