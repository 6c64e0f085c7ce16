using SecEvent.Delivery.Outbox;

namespace SecEvent.Delivery.Poll;

/// <summary>
/// An outbox that also serves RFC 8936 poll streams: a stream is an outbox destination, its SETs are enqueued with
/// <see cref="ISecurityEventOutbox.EnqueueAsync"/> (<c>new OutboxItem(set, destination: streamId)</c>), offered to the
/// recipient that polls for them, and kept until it acknowledges them by <c>jti</c> or reports them in <c>setErrs</c>.
/// </summary>
/// <remarks>
/// <para>A SET offered and not acknowledged is offered again once its lease ends (RFC 8936 §2.4: the transmitter MAY
/// resend, POLL-04). <see cref="OutboxMessage.Attempts"/> counts the offers that ended without an acknowledgement and the
/// rejection, if any: an offer is recorded as a <see cref="Push.PushOutcome.Failed"/> attempt when the SET is offered again,
/// so that a lease given back unsent with <see cref="OutboxSettlement.Release"/> counts nothing.</para>
/// <para>Ordering keys hold here too: among pending SETs of one key, only the oldest is offered, and the next one once
/// the oldest is acknowledged, rejected or dead-lettered.</para>
/// <para>A poll stream's SETs must not reach a push dispatcher too: keep poll streams in an outbox (or file) of their own,
/// or make sure no <see cref="OutboxDispatcher"/> leases from this one.</para>
/// </remarks>
public interface ISecurityEventPollQueue : ISecurityEventOutbox
{
    /// <summary>
    /// Leases up to <paramref name="maxCount"/> SETs of <paramref name="stream"/> that are due and not leased, earliest due
    /// first (enqueue order, a SET offered again taking its place when its lease ended), until
    /// <paramref name="now"/> + <paramref name="leaseDuration"/>; they are offered again after that unless acknowledged.
    /// </summary>
    /// <param name="stream">The stream: the destination the SETs were enqueued for, compared ordinally.</param>
    /// <param name="maxCount">The most SETs to lease; positive.</param>
    /// <param name="now">The current time.</param>
    /// <param name="leaseDuration">How long the SETs stay leased; the redelivery delay.</param>
    /// <param name="cancellationToken">Stops the call before it leases anything.</param>
    /// <returns>The leased SETs, and whether more are due.</returns>
    ValueTask<PollLease> LeaseStreamAsync(string stream, int maxCount, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the pending SETs of <paramref name="stream"/> with these <c>jti</c> values, leased or not: an acknowledgement
    /// that arrives after the lease ended, or for a SET leased again since, still counts (RFC 8936 §2.4.3, POLL-03).
    /// </summary>
    /// <param name="stream">The stream.</param>
    /// <param name="jtis">The acknowledged <c>jti</c> values; unknown ones are ignored.</param>
    /// <param name="cancellationToken">Stops the call before the commit.</param>
    /// <returns>How many SETs were removed.</returns>
    ValueTask<int> AcknowledgeAsync(string stream, IReadOnlyCollection<string> jtis, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the pending SETs of <paramref name="stream"/> with these <c>jti</c> values to the dead letters, with the reason
    /// <c>err: description</c> and one more attempt, <see cref="Push.PushOutcome.Rejected"/> with that <c>err</c>
    /// (RFC 8936 §2.4.4, POLL-08). They can be re-driven like any dead letter.
    /// </summary>
    /// <param name="stream">The stream.</param>
    /// <param name="errors">The recipient's <c>setErrs</c>, by <c>jti</c>; unknown ones are ignored.</param>
    /// <param name="now">The time of the rejection.</param>
    /// <param name="cancellationToken">Stops the call before the commit.</param>
    /// <returns>How many SETs were moved.</returns>
    ValueTask<int> RejectAsync(string stream, IReadOnlyDictionary<string, PollSetError> errors, DateTimeOffset now, CancellationToken cancellationToken = default);
}
