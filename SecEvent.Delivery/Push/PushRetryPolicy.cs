using System.Net.Http.Headers;
using Polly;

namespace SecEvent.Delivery.Push;

/// <summary>
/// The default pipeline's one retry decision: whether an attempt's outcome is tried again, and after how long. Both kinds
/// of retry live here, each with its own budget, and so does the total deadline, so the pipeline needs one retry strategy
/// and one timeout instead of two of each.
/// </summary>
/// <remarks>
/// A wait is never shorter than the recipient's <c>Retry-After</c> (RFC 9110 §10.2.3). A wait longer than
/// <see cref="PushClientOptions.MaxRetryAfter"/>, or one that would end past <see cref="PushClientOptions.TotalTimeout"/>,
/// is not waited for: the push ends with the last outcome, and <see cref="PushResult.RetryAfter"/> tells a caller that
/// tries again later (an outbox) when it may.
/// </remarks>
internal sealed class PushRetryPolicy(PushClientOptions options, TimeProvider timeProvider, HashSet<string> retryableErrorCodes)
{
    /// <summary>Decides on one outcome; a retry's delay is left in <see cref="PushContext.NextDelay"/>.</summary>
    public bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var transient = PushResponseClassifier.IsTransient(outcome);
        var rejection = !transient && PushResponseClassifier.IsRetryableRejection(outcome, retryableErrorCodes);
        if (!(transient || rejection) || !context.Properties.TryGetValue(PushContext.Key, out var push))
        {
            return false;
        }

        var retryAfter = RetryAfter(outcome.Result?.Headers.RetryAfter);
        push.RetryAfter = retryAfter is { } wait ? timeProvider.GetUtcNow() + wait : null;
        if (retryAfter > options.MaxRetryAfter)
        {
            return false;
        }

        TimeSpan delay;
        if (transient)
        {
            if (push.TransientRetries >= options.MaxRetryAttempts)
            {
                return false;
            }

            delay = retryAfter ?? Backoff(push.TransientRetries + 1);
            push.TransientRetries++;
        }
        else
        {
            if (push.RejectionRetries >= options.RejectionRetryAttempts)
            {
                return false;
            }

            delay = retryAfter > options.RejectionRetryDelay ? retryAfter.Value : options.RejectionRetryDelay;
            push.RejectionRetries++;
        }

        if (timeProvider.GetElapsedTime(push.Started) + delay >= options.TotalTimeout)
        {
            return false;
        }

        push.NextDelay = delay;
        return true;
    }

    /// <summary>The attempt timeout, shortened to what is left of the total timeout.</summary>
    public TimeSpan AttemptTimeout(ResilienceContext context)
    {
        if (!context.Properties.TryGetValue(PushContext.Key, out var push))
        {
            return options.AttemptTimeout;
        }

        var left = options.TotalTimeout - timeProvider.GetElapsedTime(push.Started);

        // Polly reads a non-positive timeout as "none": the last millisecond still times out.
        return left < options.AttemptTimeout ? (left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1)) : options.AttemptTimeout;
    }

    private TimeSpan Backoff(int retry) => ExponentialBackoff.Delay(options.RetryBaseDelay, options.RetryMaxDelay, retry, options.UseJitter);

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => RetryAfterHeader.Wait(header, timeProvider);
}
