using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Poll;

/// <summary>The loop of <see cref="RunAsync"/>: when to poll again, and the last acknowledgement.</summary>
public sealed partial class PollClient
{
    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var sinkFailures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = _timeProvider.GetTimestamp();
            PollRoundResult round;
            try
            {
                round = await PollCoreAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (PollException ex) when (ex.Failure == PollFailure.Unavailable)
            {
                failures++;
                if (failures >= _maxConsecutiveFailures)
                {
                    Log.PollGaveUp(_logger, ex, _host, failures);
                    throw new PollException(PollFailure.Unavailable, $"Polling {_host} failed {failures} time(s) in a row. The last failure: {ex.Message}", ex.StatusCode, ex)
                    {
                        RetryAfter = ex.RetryAfter,
                    };
                }

                // Never sooner than the transmitter asked (RFC 9110 §10.2.3).
                var delay = Backoff(failures);
                if (ex.RetryAfter > delay)
                {
                    delay = ex.RetryAfter.Value;
                }

                Log.PollRetrying(_logger, _host, ex.Message, failures, delay);
                await PauseAsync(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (PollException ex)
            {
                Log.PollFailed(_logger, ex, _host, ex.Message);
                throw;
            }

            failures = 0;
            var pause = TimeSpan.Zero;
            if (round.SinkFailed > 0)
            {
                sinkFailures++;
                pause = Backoff(sinkFailures);
                Log.PollSinkBackoff(_logger, _host, round.SinkFailed, pause);
            }
            else
            {
                sinkFailures = 0;
                if (round.Received == 0 && !round.MoreAvailable)
                {
                    pause = EmptyPause(_timeProvider.GetElapsedTime(started));
                }
            }

            if (pause > TimeSpan.Zero)
            {
                await PauseAsync(pause, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// After an empty response: a short poll pauses the whole interval; a long poll that was held as long only polls again,
    /// and one answered sooner (a transmitter that does not hold requests) waits out the rest.
    /// </summary>
    private TimeSpan EmptyPause(TimeSpan elapsed) =>
        _returnImmediately ? _shortPollInterval : elapsed < _shortPollInterval ? _shortPollInterval - elapsed : TimeSpan.Zero;

    private TimeSpan Backoff(int failures) => ExponentialBackoff.Delay(_retryBaseDelay, _retryMaxDelay, failures, jitter: true);

    private async Task PauseAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The loop sees the cancellation and stops.
        }
    }

    /// <summary>The acknowledge-only request after cancellation; its failure is logged, and the transmitter offers the SETs again.</summary>
    private async Task FinalAcknowledgeAsync()
    {
        var owed = _pending.Take();
        if (owed.IsEmpty)
        {
            return;
        }

        try
        {
            await AcknowledgeCoreAsync(_finalAcknowledgeTimeout, CancellationToken.None).ConfigureAwait(false);
            Log.PollFinalAcknowledged(_logger, _host, owed.Acknowledgements.Count, owed.Errors.Count);
        }
        catch (PollException ex)
        {
            Log.PollFinalAcknowledgeFailed(_logger, ex, _host, ex.Message, owed.Acknowledgements.Count + owed.Errors.Count);
        }
    }
}
