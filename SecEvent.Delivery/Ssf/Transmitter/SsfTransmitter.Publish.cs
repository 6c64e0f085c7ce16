using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Delivery.Outbox;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Ssf;

/// <summary>Publishing: one SET per stream that wants the event, queued, held or dropped as the stream's status says.</summary>
public sealed partial class SsfTransmitter
{
    /// <summary>
    /// Publishes an event about <paramref name="subject"/> to every stream that wants it: its type is in the stream's
    /// <c>events_delivered</c>, and the subject matches one added to the stream (SSF-32; with <c>default_subjects</c>
    /// <c>ALL</c>, any subject). Each stream gets its own SET (its <c>aud</c>, this transmitter's <c>iss</c>, the subject
    /// as <c>sub_id</c>), queued for push or poll when the stream is enabled, held when it is paused, dropped when it is disabled.
    /// </summary>
    /// <param name="securityEvent">The event.</param>
    /// <param name="subject">The principal it is about.</param>
    /// <param name="transactionId">The <c>txn</c> claim (SSF-13: unique to the underlying event, shared by SETs with the same cause); none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels publishing; SETs already queued stay queued.</param>
    /// <returns>How many streams got the event, and how.</returns>
    public async Task<SsfPublishResult> PublishAsync(SecurityEvent securityEvent, SubjectIdentifier subject, string? transactionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        ArgumentNullException.ThrowIfNull(subject);
        int queued = 0, held = 0, dropped = 0;
        var orderingKey = OrderingKey(subject);
        await _statusGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var stream in await _store.ListAsync(null, cancellationToken).ConfigureAwait(false))
            {
                if (!stream.Configuration.EventsDelivered.Contains(securityEvent.EventType, StringComparer.Ordinal)
                    || !await WantsSubjectAsync(stream, subject, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                switch (stream.Status)
                {
                    case SsfStreamStatuses.Enabled:
                        await EnqueueAsync(stream, Sign(stream, securityEvent, subject, transactionId, orderingKey), cancellationToken).ConfigureAwait(false);
                        queued++;
                        break;
                    case SsfStreamStatuses.Paused:
                        var item = Sign(stream, securityEvent, subject, transactionId, orderingKey);
                        await _store.HoldAsync(stream.StreamId, [new SsfHeldEvent(0, item.Set, item.Jti!, orderingKey, _timeProvider.GetUtcNow())], cancellationToken).ConfigureAwait(false);
                        held++;
                        break;
                    default:
                        dropped++;
                        break;
                }
            }
        }
        finally
        {
            _statusGate.Release();
        }

        Log.SsfTransmitterPublished(_logger, securityEvent.EventType, queued, held, dropped);
        return new SsfPublishResult(queued, held, dropped);
    }

    /// <summary>
    /// Whether the stream carries events about <paramref name="subject"/>: <c>ALL</c> streams carry every subject not
    /// removed from them; <c>NONE</c> streams only those added, matched by the SSF-32 rule (a member one side leaves out
    /// matches anything).
    /// </summary>
    private async Task<bool> WantsSubjectAsync(SsfStream stream, SubjectIdentifier subject, CancellationToken cancellationToken)
    {
        var subjects = await _store.ListSubjectsAsync(stream.StreamId, cancellationToken).ConfigureAwait(false);
        return _options.DefaultSubjects == "ALL"
            ? !subjects.Any(s => s.Excluded && s.Subject.Matches(subject))
            : subjects.Any(s => !s.Excluded && s.Subject.Matches(subject));
    }

    /// <summary>Queues SETs on the stream's delivery method: the push outbox (destination: the stream) or the poll queue (stream: the stream).</summary>
    private ValueTask<IReadOnlyList<long>> EnqueueAsync(SsfStream stream, OutboxItem item, CancellationToken cancellationToken) =>
        EnqueueAsync(stream, [item], cancellationToken);

    private ValueTask<IReadOnlyList<long>> EnqueueAsync(SsfStream stream, IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        var queue = stream.Configuration.Delivery.Method == SsfDeliveryMethods.Push ? _pushOutbox : _pollQueue;
        return queue is null
            ? throw new InvalidOperationException($"Stream {stream.StreamId} uses a delivery method this transmitter no longer offers.")
            : queue.EnqueueAsync(items, cancellationToken);
    }

    /// <summary>A signed SET for one stream: its <c>aud</c>, our <c>iss</c>, a fresh <c>jti</c>, the SSF profile (no <c>exp</c>, no <c>sub</c>).</summary>
    private OutboxItem Sign(SsfStream stream, SecurityEvent securityEvent, SubjectIdentifier subject, string? transactionId, string? orderingKey)
    {
        var jti = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var set = _handler.CreateToken(new SecurityEventTokenDescriptor
        {
            Profile = SecurityEventProfile.SharedSignals,
            Issuer = _options.Issuer,
            Audiences = [.. stream.Configuration.Audience],
            JwtId = jti,
            IssuedAt = _timeProvider.GetUtcNow(),
            TransactionId = transactionId,
            SubjectId = subject,
            Events = [securityEvent],
            SigningCredentials = _options.SigningCredentials,
        });
        return new OutboxItem(set, stream.StreamId, orderingKey, jti);
    }

    /// <summary>A stream-updated SET (§8.1.5): <c>sub_id</c> opaque with the stream id, the status and reason.</summary>
    private OutboxItem StreamUpdated(SsfStream stream, string status, string? reason) =>
        Sign(stream, new SsfStreamUpdatedEvent { Status = status, Reason = reason }, StreamSubject(stream), null, null);

    private static OpaqueSubjectIdentifier StreamSubject(SsfStream stream) => new() { Id = stream.StreamId };

    /// <summary>
    /// The ordering key of a principal: a digest of its identifier, so SETs about one principal keep their order in the
    /// outbox (§8.1.2.1) without the identifier itself, often personal data, being stored twice.
    /// </summary>
    private static string OrderingKey(SubjectIdentifier subject) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(subject))))[..32];
}
