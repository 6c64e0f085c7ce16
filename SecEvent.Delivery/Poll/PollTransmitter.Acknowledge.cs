using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Poll;

public sealed partial class PollTransmitter
{
    // Recipient text kept in the outbox and in logs is bounded: a 1 MiB description is someone's mistake or attack.
    private const int MaxCodeLength = 64;
    private const int MaxDescriptionLength = 512;
    private const int MaxLoggedJtiLength = 256;

    /// <summary>Removes the SETs the request acknowledges (RFC 8936 §2.4.3); returns how many were pending.</summary>
    private async ValueTask<int> AcknowledgeAsync(string stream, PollRequest poll, CancellationToken cancellationToken)
    {
        if (poll.Acknowledgements is not { Count: > 0 } jtis)
        {
            return 0;
        }

        var removed = await _queue.AcknowledgeAsync(stream, jtis, cancellationToken).ConfigureAwait(false);
        Log.PollAcknowledged(_logger, stream, removed, jtis.Count);
        return removed;
    }

    /// <summary>
    /// Dead-letters the SETs the request reports in <c>setErrs</c> (RFC 8936 §2.4.4, POLL-08), logs each report and tells
    /// the hook; returns how many were pending.
    /// </summary>
    private async ValueTask<int> RejectAsync(string stream, PollRequest poll, CancellationToken cancellationToken)
    {
        if (poll.SetErrors is not { Count: > 0 } reported)
        {
            return 0;
        }

        var errors = new Dictionary<string, PollSetError>(reported.Count, StringComparer.Ordinal);
        foreach (var (jti, error) in reported)
        {
            errors[jti] = new PollSetError(Shorten(error.Code, MaxCodeLength), Shorten(error.Description, MaxDescriptionLength));
        }

        var moved = await _queue.RejectAsync(stream, errors, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var (jti, error) in errors)
        {
            Log.PollSetReported(_logger, stream, Shorten(jti, MaxLoggedJtiLength), error.Code, error.Description);
            PollTransmitterInstruments.RecordRejected(error.Code);
        }

        if (_setErrorsReported is { } hook)
        {
            try
            {
                await hook(stream, errors, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // The SETs are dead-lettered already: a failing hook must not make the recipient send its errors again.
                Log.PollSetErrorsHookFailed(_logger, ex, stream);
            }
        }

        return moved;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length];
}
