using System.Globalization;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Tokens.Events;

namespace SecEvent.Delivery.Ssf;

/// <summary>Verification (OpenID SSF 1.0 §8.1.4).</summary>
public sealed partial class SsfTransmitter
{
    /// <summary>
    /// Sends a verification event on the transmitter's own initiative (SSF-35): without <c>state</c>, as SSF-37 requires
    /// of transmitter-initiated verifications.
    /// </summary>
    /// <param name="streamId">The stream.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="false"/> when there is no such stream.</returns>
    public async Task<bool> SendVerificationAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        var stream = await _store.GetAsync(streamId, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return false;
        }

        await DeliverVerificationAsync(stream, state: null, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// §8.1.4.2: 204, and a verification event echoing <c>state</c> follows on the stream; 429 with <c>Retry-After</c>
    /// when asked again sooner than <c>min_verification_interval</c>.
    /// </summary>
    private async Task<SsfManagementResponse> VerifyAsync(SsfReceiver receiver, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var request = Parse<SsfVerificationRequest>(body, SsfVerificationRequest.TryParse);
        var stream = await OwnStreamAsync(receiver, request.StreamId, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        if (_options.MinVerificationInterval is { } interval && stream.LastVerificationRequestedAt is { } last && now - last < interval)
        {
            var wait = (int)Math.Ceiling((last + interval - now).TotalSeconds);
            throw new SsfRequestRefusedException(
                429,
                "too_many_requests",
                "Verification was requested sooner than min_verification_interval allows (OpenID SSF 1.0 §8.1.4.2).",
                [new("Retry-After", Math.Max(wait, 1).ToString(CultureInfo.InvariantCulture))]);
        }

        stream = await ChangeStoredAsync(stream, s => s with { LastVerificationRequestedAt = now, LastActivityAt = now }, cancellationToken).ConfigureAwait(false);
        await DeliverVerificationAsync(stream, request.State, cancellationToken).ConfigureAwait(false);
        return Empty(204);
    }

    /// <summary>
    /// A verification SET (§8.1.4.1: <c>sub_id</c> opaque with the stream id, <c>state</c> echoed exactly), routed as any
    /// event: sent when the stream is enabled, held when paused, dropped when disabled.
    /// </summary>
    private async Task DeliverVerificationAsync(SsfStream stream, string? state, CancellationToken cancellationToken)
    {
        await _statusGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await _store.GetAsync(stream.StreamId, cancellationToken).ConfigureAwait(false) ?? stream;
            var item = Sign(current, new SsfVerificationEvent { State = state }, StreamSubject(current), null, null);
            switch (current.Status)
            {
                case SsfStreamStatuses.Enabled:
                    await EnqueueAsync(current, item, cancellationToken).ConfigureAwait(false);
                    break;
                case SsfStreamStatuses.Paused:
                    await _store.HoldAsync(current.StreamId, [new SsfHeldEvent(0, item.Set, item.Jti!, null, _timeProvider.GetUtcNow())], cancellationToken).ConfigureAwait(false);
                    break;
            }

            Log.SsfTransmitterVerificationSent(_logger, current.StreamId, current.Status, state is not null);
        }
        finally
        {
            _statusGate.Release();
        }
    }
}
