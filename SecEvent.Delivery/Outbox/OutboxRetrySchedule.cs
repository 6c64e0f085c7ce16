using System.Globalization;
using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Outbox;

/// <summary>
/// Turns a push's result into the lease's settlement: delivered, dead-lettered when rejected or too old, otherwise a
/// retry after an exponential backoff that never comes before the recipient's <c>Retry-After</c>.
/// </summary>
internal sealed class OutboxRetrySchedule(OutboxDispatcherOptions options)
{
    private const int MaxCauseLength = 512;

    public OutboxSettlement Settle(OutboxMessage message, PushResult result, DateTimeOffset now)
    {
        var attempt = new OutboxAttempt(now, result.Outcome, (int?)result.StatusCode, result.ErrorCode, Cause(result));
        return result.Outcome switch
        {
            PushOutcome.Delivered => OutboxSettlement.Delivered(message, attempt),
            PushOutcome.Rejected => OutboxSettlement.DeadLetter(message, attempt, attempt.Cause!),
            _ => RetryOrGiveUp(message, attempt, result.RetryAfter, now),
        };
    }

    public OutboxSettlement AfterException(OutboxMessage message, Exception exception, DateTimeOffset now)
    {
        var attempt = new OutboxAttempt(now, PushOutcome.Failed, null, null, Shorten($"{exception.GetType().Name}: {exception.Message}"));
        return RetryOrGiveUp(message, attempt, null, now);
    }

    private TimeSpan Backoff(int failures) => ExponentialBackoff.Delay(options.RetryBaseDelay, options.RetryMaxDelay, failures, jitter: true);

    private OutboxSettlement RetryOrGiveUp(OutboxMessage message, OutboxAttempt attempt, DateTimeOffset? retryAfter, DateTimeOffset now)
    {
        var deadline = message.EnqueuedAt + options.MaxAge;
        var attempts = message.Attempts + 1;
        if (now >= deadline)
        {
            return OutboxSettlement.DeadLetter(message, attempt, Shorten($"Still failing after {attempts} attempt(s) at the maximum age of {options.MaxAge}: {attempt.Cause}"));
        }

        if (retryAfter > deadline)
        {
            return OutboxSettlement.DeadLetter(message, attempt, Shorten(
                $"The recipient's Retry-After allows no retry before {retryAfter.Value.ToString("O", CultureInfo.InvariantCulture)}, past the maximum age of {options.MaxAge}: {attempt.Cause}"));
        }

        var next = now + Backoff(attempts);
        if (retryAfter > next)
        {
            next = retryAfter.Value;
        }

        // One last try at the deadline rather than none: the recipient may be back by then.
        return OutboxSettlement.Retry(message, attempt, next < deadline ? next : deadline);
    }

    private static string Cause(PushResult result) => Shorten(result.Outcome switch
    {
        PushOutcome.Delivered => "202 Accepted",
        PushOutcome.Rejected => result.ErrorDescription is { } description
            ? $"{result.ErrorCode ?? "400 without an err code"}: {description}"
            : result.ErrorCode ?? "400 without an err code",
        _ when result.Exception is { } exception => $"{exception.GetType().Name}: {exception.Message}",
        _ => $"HTTP {(int?)result.StatusCode}",
    });

    private static string Shorten(string cause) => cause.Length <= MaxCauseLength ? cause : cause[..MaxCauseLength];
}
