using SecEvent.Delivery.Diagnostics;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Push;

public sealed partial class PushReceiver
{
    /// <summary>
    /// Hands the SET to the sink once per (<c>iss</c>, <c>jti</c>): a SET being delivered by another request is waited for
    /// and answered the same way, a SET accepted before is answered 202 (PUSH-04).
    /// </summary>
    private async ValueTask<PushResponse> DeliverAsync(SecurityEventToken token, CancellationToken cancellationToken)
    {
        var key = (token.Issuer, token.JwtId);
        while (true)
        {
            var mine = new TaskCompletionSource<PushResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var current = _inFlight.GetOrAdd(key, mine.Task);
            if (current != mine.Task)
            {
                // Null means the first delivery was abandoned (its request was cancelled): try again from the start.
                var earlier = await current.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (earlier is null)
                {
                    continue;
                }

                if (earlier.StatusCode == 202)
                {
                    Log.PushDuplicate(_logger, token.JwtId, token.Issuer);
                    return Accepted(token, duplicate: true);
                }

                return earlier;
            }

            PushResponse? response = null;
            try
            {
                response = await DeliverOnceAsync(token, cancellationToken).ConfigureAwait(false);
                return response;
            }
            finally
            {
                // Removed before completion: a request arriving in between finds the replay store already updated.
                _inFlight.TryRemove(KeyValuePair.Create(key, mine.Task));
                mine.SetResult(response);
            }
        }
    }

    private async ValueTask<PushResponse> DeliverOnceAsync(SecurityEventToken token, CancellationToken cancellationToken)
    {
        if (await _replayStore.ContainsAsync(token.Issuer, token.JwtId, cancellationToken).ConfigureAwait(false))
        {
            Log.PushDuplicate(_logger, token.JwtId, token.Issuer);
            return Accepted(token, duplicate: true);
        }

        try
        {
            await _sink.AcceptAsync(token, cancellationToken).ConfigureAwait(false);
        }
        catch (SecurityEventTokenException ex)
        {
            // The sink judged the SET itself (for example a verification state it never asked for): refused like a
            // validation failure, and not recorded, so a resend is judged again.
            return Refused(ex.Error, token);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            Log.PushSinkFailed(_logger, ex, token.JwtId, token.Issuer);
            return Empty(_sinkFailureStatusCode, PushReceiverTelemetry.Outcomes.SinkFailed);
        }

        try
        {
            // The sink holds the SET now: record it even if the request is aborted meanwhile.
            await _replayStore.AddAsync(token.Issuer, token.JwtId, RememberUntil(token), CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The SET is persisted; a store failure only weakens deduplication, so it is logged, not answered.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.PushReplayStoreFailed(_logger, ex, token.JwtId, token.Issuer);
        }

        Log.PushAccepted(_logger, token.JwtId, token.Issuer);
        return Accepted(token, duplicate: false);
    }

    /// <summary>The retention period from now, or the SET's own expiry plus clock skew when that is later.</summary>
    private DateTimeOffset RememberUntil(SecurityEventToken token)
    {
        var until = _timeProvider.GetUtcNow() + _replayRetention;
        if (token.Expiration is { } exp)
        {
            var expires = exp.ToDateTimeOffset() + _parameters.ClockSkew;
            if (expires > until)
            {
                until = expires;
            }
        }

        return until;
    }
}
