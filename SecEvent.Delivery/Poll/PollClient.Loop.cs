using Polly;
using Polly.Retry;
using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Poll;

/// <summary>The loop of <see cref="RunAsync"/>: when to poll again, and the last acknowledgement.</summary>
public sealed partial class PollClient
{
    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var sinkFailures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = _timeProvider.GetTimestamp();
            PollRoundResult round;
            try
            {
                // A repeated poll is safe: what a lost response carried is offered again, and what is owed is kept
                // until a request carrying it succeeds.
                round = await _retry.ExecuteAsync(static (client, ct) => client.PollCoreAsync(ct), this, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (PollException ex) when (ex.Failure == PollFailure.Unavailable)
            {
                // Only with MaxConsecutiveFailures: the retry strategy gave up.
                Log.PollGaveUp(_logger, ex, _host, _maxConsecutiveFailures!.Value);
                throw new PollException(PollFailure.Unavailable, $"Polling {_host} failed {_maxConsecutiveFailures} time(s) in a row. The last failure: {ex.Message}", ex.StatusCode, ex)
                {
                    RetryAfter = ex.RetryAfter,
                };
            }
            catch (PollException ex)
            {
                Log.PollFailed(_logger, ex, _host, ex.Message);
                throw;
            }

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

    /// <summary>
    /// The Polly retry around each round: transient failures (<see cref="PollFailure.Unavailable"/>) again after a
    /// jittered exponential backoff, never before the transmitter's <c>Retry-After</c> (RFC 9110 §10.2.3), forever or
    /// until <see cref="PollClientOptions.MaxConsecutiveFailures"/> attempts have failed in a row. Refusals and protocol
    /// breaks are not retried.
    /// </summary>
    private ResiliencePipeline BuildRetry() => new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<PollException>(static e => e.Failure == PollFailure.Unavailable),
            MaxRetryAttempts = _maxConsecutiveFailures is { } most ? most - 1 : int.MaxValue,
            DelayGenerator = args =>
            {
                var failures = args.AttemptNumber + 1;
                var delay = Backoff(failures);
                if (args.Outcome.Exception is PollException { RetryAfter: { } retryAfter } && retryAfter > delay)
                {
                    delay = retryAfter; // Already clamped when the response was read.
                }

                return ValueTask.FromResult<TimeSpan?>(delay);
            },
            OnRetry = args =>
            {
                Log.PollRetrying(_logger, _host, args.Outcome.Exception?.Message ?? "unknown", args.AttemptNumber + 1, args.RetryDelay);
                return default;
            },
        })
        .Build();

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
