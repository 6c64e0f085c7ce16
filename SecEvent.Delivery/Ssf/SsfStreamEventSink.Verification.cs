using System.Buffers.Text;
using System.Security.Cryptography;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Ssf;

/// <summary>Requesting a verification and matching the event that answers it (OpenID SSF 1.0 §8.1.4).</summary>
public sealed partial class SsfStreamEventSink
{
    /// <summary>Bytes of randomness in a state: as strong as a 256-bit key, so it cannot be guessed or forged.</summary>
    private const int StateBytes = 32;

    /// <summary>
    /// Requests verification of a stream with a fresh, unguessable <c>state</c> and waits for the verification event that
    /// echoes it (SSF-36, SSF-37).
    /// </summary>
    /// <param name="streamId">The stream to verify.</param>
    /// <param name="requestVerification">
    /// Sends the verification request to the transmitter (POST to its <c>verification_endpoint</c>); it fits a method
    /// group such as <c>RequestVerificationAsync(SsfVerificationRequest, CancellationToken)</c>. It runs after the
    /// state is registered, so an event that arrives before the transmitter's 204 is matched.
    /// </param>
    /// <param name="timeout">How long the request and the event together may take; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="cancellationToken">Cancels the request and the wait.</param>
    /// <returns>The verification SET, once the inner sink accepted it.</returns>
    /// <exception cref="ArgumentException"><paramref name="streamId"/> is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is neither positive nor infinite.</exception>
    /// <exception cref="TimeoutException">No matching event arrived, or the request did not finish, within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>
    /// Whatever <paramref name="requestVerification"/> throws is thrown here. Once this method returns or throws, the state
    /// is forgotten: an event carrying it later is refused with <c>invalid_state</c>. Concurrent verifications, of one
    /// stream or of several, each wait for their own state.
    /// </remarks>
    public async Task<SecurityEventToken> VerifyAsync(
        string streamId,
        Func<SsfVerificationRequest, CancellationToken, Task> requestVerification,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(requestVerification);
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive or infinite.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var state = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(StateBytes));
        var key = (streamId, state);
        var waiter = new Waiter();
        _waiters[key] = waiter;
        try
        {
            using var deadline = new CancellationTokenSource(timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            Log.SsfEventVerificationRequested(_logger, streamId, timeout);
            try
            {
                // WaitAsync: a delegate that ignores its token still cannot hold the caller past the deadline.
                await requestVerification(new SsfVerificationRequest { StreamId = streamId, State = state }, linked.Token)
                    .WaitAsync(linked.Token).ConfigureAwait(false);
                var token = await waiter.Task.WaitAsync(linked.Token).ConfigureAwait(false);
                SsfEventInstruments.RecordVerification(SsfEventInstruments.Outcomes.Verified);
                return token;
            }
            catch (OperationCanceledException) when (waiter.Task.IsCompletedSuccessfully)
            {
                // The event won the race against the deadline: it was accepted, so the verification succeeded.
                SsfEventInstruments.RecordVerification(SsfEventInstruments.Outcomes.Verified);
                return await waiter.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                Log.SsfEventVerificationTimedOut(_logger, streamId, timeout);
                SsfEventInstruments.RecordVerification(SsfEventInstruments.Outcomes.TimedOut);
                throw new TimeoutException($"No verification event for stream '{streamId}' arrived within {timeout} (OpenID SSF 1.0 §8.1.4.2).", ex);
            }
            catch (OperationCanceledException)
            {
                SsfEventInstruments.RecordVerification(SsfEventInstruments.Outcomes.Cancelled);
                throw;
            }
            catch (Exception ex)
            {
                Log.SsfEventVerificationRequestFailed(_logger, ex, streamId);
                SsfEventInstruments.RecordVerification(SsfEventInstruments.Outcomes.RequestFailed);
                throw;
            }
        }
        finally
        {
            _waiters.TryRemove(KeyValuePair.Create(key, waiter));
        }
    }

    /// <summary>
    /// The pending request a verification event answers, claimed so that no other SET answers it meanwhile;
    /// <see langword="null"/> for a transmitter-initiated verification (no state).
    /// </summary>
    /// <exception cref="SecurityEventTokenException"><c>invalid_state</c>: the state answers no pending request of this stream.</exception>
    private Waiter? Claim(string streamId, string? state, SecurityEventToken token)
    {
        if (state is null)
        {
            return null;
        }

        // The key compares stream id and state ordinally: the transmitter MUST echo the state exactly (SSF-37).
        if (_waiters.TryGetValue((streamId, state), out var waiter) && waiter.TryClaim())
        {
            return waiter;
        }

        Log.SsfEventStateMismatch(_logger, token.JwtId, token.Issuer, streamId);
        SsfEventInstruments.RecordEvent(SsfEventInstruments.Kinds.Verification, SsfEventInstruments.Outcomes.InvalidState);
        throw new SecurityEventTokenException(new SecurityEventError(
            SecurityEventErrorCodes.InvalidState,
            "The verification event's state does not match a verification requested for this stream (OpenID SSF 1.0 §8.1.4.1)."));
    }

    /// <summary>One pending verification: awaited by <see cref="VerifyAsync"/>, answered by at most one SET.</summary>
    private sealed class Waiter
    {
        private readonly TaskCompletionSource<SecurityEventToken> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _claimed;

        public Task<SecurityEventToken> Task => _answer.Task;

        /// <summary>Takes the request for one SET; fails while another SET holds it or after it was answered.</summary>
        public bool TryClaim() => !_answer.Task.IsCompleted && Interlocked.CompareExchange(ref _claimed, 1, 0) == 0;

        /// <summary>Gives the request back when the SET holding it was not kept.</summary>
        public void Release() => Volatile.Write(ref _claimed, 0);

        /// <summary>Answers the request; the claim is never released, so no later SET answers it again.</summary>
        public void Complete(SecurityEventToken token) => _answer.TrySetResult(token);
    }
}
