using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Delivery.Push;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// A receiver's SSF stream events (OpenID SSF 1.0 §8.1.4, §8.1.5), put in front of its own sink: checks verification
/// events against the verifications it requested, keeps and surfaces stream status changes, and hands every SET it
/// accepts to the inner sink. Use it as the sink of a <see cref="PushReceiver"/> or a <see cref="Poll.PollClient"/>;
/// thread-safe, one instance per receiver.
/// </summary>
/// <remarks>
/// <para><b>Verification</b> (SSF-36, SSF-37): the stream is the SET's opaque <c>sub_id</c>. A verification event with a
/// <c>state</c> is accepted only when that exact (ordinal) state was sent by <see cref="VerifyAsync"/> for that stream and
/// is still awaited; otherwise it is refused with <c>invalid_state</c> — a state is answered once, and a state whose
/// <see cref="VerifyAsync"/> has returned (answered, timed out or cancelled) is no longer accepted. A verification event
/// without <c>state</c> was started by the transmitter and is accepted. The waiting call completes only after the inner
/// sink accepted the SET.</para>
/// <para><b>Stream updated</b> (SSF-38): delivery is not ordered (SSF-37), so a status change is applied only when its
/// <see cref="SsfStreamUpdate.ChangedAt"/> (<c>toe</c>, else <c>iat</c>) is not earlier than the one already known for the
/// stream; on equal times the later arrival wins. An older change is still handed to the inner sink, but neither
/// applied nor surfaced.</para>
/// <para>Every accepted SET reaches the inner sink, stream events included, so the application sees everything. A
/// refused SET (<see cref="SecurityEventTokenException"/>) does not. A SET naming a stream event with a
/// <c>sub_id</c> that is not opaque is refused with <c>invalid_request</c>.</para>
/// <para>Pending verifications and known statuses live in memory: after a restart, an answer to an earlier request is
/// refused with <c>invalid_state</c>, and no status is known until the next stream-updated event.</para>
/// </remarks>
#pragma warning disable CA1001 // _statusGate never creates its wait handle (AvailableWaitHandle is unused), so it holds nothing to dispose.
public sealed partial class SsfStreamEventSink : ISecurityEventSink
#pragma warning restore CA1001
{
    private readonly ISecurityEventSink _inner;
    private readonly Func<SsfStreamUpdate, CancellationToken, ValueTask>? _streamUpdated;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string StreamId, string State), Waiter> _waiters = new();
    private readonly ConcurrentDictionary<string, SsfStreamUpdate> _statuses = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _statusGate = new(1, 1);

    /// <summary>Creates the sink in front of <paramref name="inner"/>.</summary>
    /// <param name="inner">The receiver's own sink; it receives every accepted SET.</param>
    /// <param name="options">The stream-updated callback; none when <see langword="null"/>. Copied here.</param>
    /// <param name="timeProvider">The clock for <see cref="VerifyAsync"/> timeouts; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logs stream events by stream, <c>jti</c> and <c>iss</c>; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is <see langword="null"/>.</exception>
    public SsfStreamEventSink(
        ISecurityEventSink inner,
        SsfStreamEventSinkOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _streamUpdated = options?.StreamUpdated;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SsfStreamEventSink>();
    }

    /// <summary>
    /// Checks a verification event's <c>state</c>, hands the SET to the inner sink, then completes the matching
    /// <see cref="VerifyAsync"/> or applies a stream status change. Other SETs go straight to the inner sink.
    /// </summary>
    /// <param name="token">The validated SET.</param>
    /// <param name="cancellationToken">Cancels the hand-over.</param>
    /// <returns>A task that completes once the inner sink accepted the SET and the event took effect.</returns>
    /// <exception cref="SecurityEventTokenException">
    /// <c>invalid_state</c>: a verification state that answers no pending request; <c>invalid_request</c>: a stream
    /// event whose <c>sub_id</c> is not opaque.
    /// </exception>
    public ValueTask AcceptAsync(SecurityEventToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var verification = token.GetEvent<SsfVerificationEvent>();
        var updated = token.GetEvent<SsfStreamUpdatedEvent>();
        return verification is null && updated is null
            ? _inner.AcceptAsync(token, cancellationToken)
            : AcceptStreamEventAsync(token, verification, updated, cancellationToken);
    }

    /// <summary>The last status change applied for a stream, or <see langword="null"/> when none has arrived.</summary>
    /// <param name="streamId">The stream id, compared ordinally.</param>
    /// <returns>The newest change by <see cref="SsfStreamUpdate.ChangedAt"/>, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="streamId"/> is <see langword="null"/>.</exception>
    public SsfStreamUpdate? GetLastKnownStatus(string streamId)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        return _statuses.TryGetValue(streamId, out var update) ? update : null;
    }

    private async ValueTask AcceptStreamEventAsync(
        SecurityEventToken token, SsfVerificationEvent? verification, SsfStreamUpdatedEvent? updated, CancellationToken cancellationToken)
    {
        var streamId = StreamIdOf(token, verification is not null ? SsfEventInstruments.Kinds.Verification : SsfEventInstruments.Kinds.StreamUpdated);
        var waiter = verification is null ? null : Claim(streamId, verification.State, token);
        try
        {
            await _inner.AcceptAsync(token, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The SET was not kept, so it comes again: the request it answers stays open for it.
            waiter?.Release();
            throw;
        }

        if (verification is not null)
        {
            if (waiter is null)
            {
                Log.SsfEventTransmitterVerification(_logger, token.JwtId, token.Issuer, streamId);
                SsfEventInstruments.RecordEvent(SsfEventInstruments.Kinds.Verification, SsfEventInstruments.Outcomes.TransmitterInitiated);
            }
            else
            {
                waiter.Complete(token);
                Log.SsfEventVerificationSucceeded(_logger, streamId, token.JwtId, token.Issuer);
                SsfEventInstruments.RecordEvent(SsfEventInstruments.Kinds.Verification, SsfEventInstruments.Outcomes.Verified);
            }
        }

        if (updated is not null)
        {
            await ApplyAsync(streamId, updated, token, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>SSF-36, SSF-38: the stream is named by an opaque <c>sub_id</c>; the SSF profile already insists, RFC 8417 alone does not.</summary>
    private string StreamIdOf(SecurityEventToken token, string kind)
    {
        if (token.SubjectId is OpaqueSubjectIdentifier opaque)
        {
            return opaque.Id;
        }

        Log.SsfEventNoStream(_logger, token.JwtId, token.Issuer);
        SsfEventInstruments.RecordEvent(kind, SsfEventInstruments.Outcomes.InvalidRequest);
        throw new SecurityEventTokenException(new SecurityEventError(
            SecurityEventErrorCodes.InvalidRequest,
            "A verification or stream-updated event needs an 'opaque' sub_id naming the stream (OpenID SSF 1.0 §8.1.4.1, §8.1.5)."));
    }
}
