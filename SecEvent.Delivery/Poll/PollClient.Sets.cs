using SecEvent.Delivery.Diagnostics;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Poll;

/// <summary>What becomes of each SET in a response.</summary>
public sealed partial class PollClient
{
    /// <summary>The longest <c>sets</c> key written to a log; the key comes from the transmitter and is not trusted.</summary>
    private const int MaxLoggedKeyLength = 256;

    /// <summary>Validates and hands over each SET in turn, stopping (by throwing) as soon as cancellation is requested.</summary>
    private async ValueTask<PollRoundResult> ProcessAsync(PollResponse response, CancellationToken cancellationToken)
    {
        int accepted = 0, duplicates = 0, rejected = 0, sinkFailed = 0;
        foreach (var (key, set) in response.Sets)
        {
            // SETs not reached are neither acknowledged nor reported: the transmitter offers them again.
            cancellationToken.ThrowIfCancellationRequested();
            switch (await ProcessOneAsync(key, set, cancellationToken).ConfigureAwait(false))
            {
                case SetOutcome.Accepted:
                    accepted++;
                    break;
                case SetOutcome.Duplicate:
                    duplicates++;
                    break;
                case SetOutcome.Rejected:
                    rejected++;
                    break;
                default:
                    sinkFailed++;
                    break;
            }
        }

        return new PollRoundResult(accepted, duplicates, rejected, sinkFailed, response.MoreAvailable);
    }

    private async ValueTask<SetOutcome> ProcessOneAsync(string key, string set, CancellationToken cancellationToken)
    {
        var validation = await _handler.ValidateTokenAsync(set, _parameters, cancellationToken).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            // POLL-02, POLL-08: only parse and validation errors are reported, with the validator's RFC 8935 code.
            var error = validation.Error;
            _pending.Report(key, new PollSetError(error.Code, error.Description));
            Log.PollSetRejected(_logger, Bounded(key), _host, error.Code, error.Description);
            PollClientInstruments.RecordSet(_host, PollClientInstruments.SetOutcomes.Rejected, error.Code);
            return SetOutcome.Rejected;
        }

        var token = validation.Token;
        if (!string.Equals(token.JwtId, key, StringComparison.Ordinal))
        {
            // RFC 8936 §2.3: sets is keyed by jti. Acknowledging the key would release a SET the client never saw.
            _pending.Report(key, new PollSetError(SecurityEventErrorCodes.InvalidRequest, "The SET's jti does not match its key in sets (RFC 8936 §2.3)."));
            Log.PollSetKeyMismatch(_logger, token.JwtId, token.Issuer, _host, Bounded(key));
            PollClientInstruments.RecordSet(_host, PollClientInstruments.SetOutcomes.Rejected, SecurityEventErrorCodes.InvalidRequest);
            return SetOutcome.Rejected;
        }

        try
        {
            if (await _replayStore.ContainsAsync(token.Issuer, token.JwtId, cancellationToken).ConfigureAwait(false))
            {
                // RFC 8936 §2.4 (POLL-04): a SET offered again is acknowledged again, and delivered once.
                _pending.Acknowledge(key);
                Log.PollSetDuplicate(_logger, token.JwtId, token.Issuer);
                PollClientInstruments.RecordSet(_host, PollClientInstruments.SetOutcomes.Duplicate);
                return SetOutcome.Duplicate;
            }

            await _sink.AcceptAsync(token, cancellationToken).ConfigureAwait(false);
        }
        catch (SecurityEventTokenException ex)
        {
            // The sink judged the SET itself (for example a verification state it never asked for): reported with its
            // code like a validation failure (POLL-08), neither acknowledged nor recorded.
            var error = ex.Error;
            _pending.Report(key, new PollSetError(error.Code, error.Description));
            Log.PollSetRejected(_logger, Bounded(key), _host, error.Code, error.Description);
            PollClientInstruments.RecordSet(_host, PollClientInstruments.SetOutcomes.Rejected, error.Code);
            return SetOutcome.Rejected;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // POLL-02: not the SET's fault, so not reported; not acknowledged either, so it comes again.
            Log.PollSinkFailed(_logger, ex, token.JwtId, token.Issuer);
            PollClientInstruments.RecordSet(_host, PollClientInstruments.SetOutcomes.SinkFailed);
            return SetOutcome.SinkFailed;
        }

        try
        {
            // The sink holds the SET now: record it even if the loop is being stopped.
            await _replayStore.AddAsync(token.Issuer, token.JwtId, RememberUntil(token), CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The SET is persisted; a store failure only weakens deduplication, so it is logged and the SET acknowledged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.PollReplayStoreFailed(_logger, ex, token.JwtId, token.Issuer);
        }

        _pending.Acknowledge(key);
        Log.PollSetAccepted(_logger, token.JwtId, token.Issuer, _host);
        PollClientInstruments.RecordSet(_host, PollClientInstruments.SetOutcomes.Accepted);
        return SetOutcome.Accepted;
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

    private static string Bounded(string key) => key.Length <= MaxLoggedKeyLength ? key : string.Concat(key.AsSpan(0, MaxLoggedKeyLength), "…");

    private enum SetOutcome
    {
        Accepted,
        Duplicate,
        Rejected,
        SinkFailed,
    }
}
