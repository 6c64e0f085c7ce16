using Polly;
using Polly.Retry;
using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Ssf;

/// <summary>Which failures are sent again, and when.</summary>
public sealed partial class SsfStreamClient
{
    /// <summary>
    /// The Polly retry around each request: jittered exponential backoff, never before the transmitter's
    /// <c>Retry-After</c>; a <c>Retry-After</c> longer than <see cref="SsfStreamClientOptions.RetryMaxDelay"/> is left to
    /// the caller.
    /// </summary>
    private ResiliencePipeline BuildRetry()
    {
        if (_options.MaxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SsfStreamException>(IsTransient),
                MaxRetryAttempts = _options.MaxRetries,
                DelayGenerator = args =>
                {
                    var delay = ExponentialBackoff.Delay(_options.RetryBaseDelay, _options.RetryMaxDelay, args.AttemptNumber + 1, jitter: true);
                    if (args.Outcome.Exception is SsfStreamException { RetryAfter: { } retryAfter } && retryAfter > delay)
                    {
                        delay = retryAfter;
                    }

                    return ValueTask.FromResult<TimeSpan?>(delay);
                },
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is SsfStreamException e)
                    {
                        Log.SsfStreamRetrying(_logger, e.Operation, e.Message, args.AttemptNumber + 1, args.RetryDelay);
                    }

                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// 429 and 503 say the request was not acted on, so any operation may be sent again. A lost connection, a timeout or
    /// another 5xx leaves that open, so only operations that are safe to repeat are: not create (a second stream) and
    /// not verify (a second event whose <c>state</c> is no longer awaited).
    /// </summary>
    private bool IsTransient(SsfStreamException e)
    {
        if (e.RetryAfter is { } wait && wait > _options.RetryMaxDelay)
        {
            return false;
        }

        return (e.Failure, e.StatusCode) switch
        {
            (SsfStreamFailure.HttpStatus, 429 or 503) => true,
            (SsfStreamFailure.HttpStatus, 500 or 502 or 504) or (SsfStreamFailure.Unavailable, _) =>
                e.Operation is not (SsfStreamOperation.Create or SsfStreamOperation.Verify),
            _ => false,
        };
    }
}
