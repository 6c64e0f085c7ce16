namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// The statements of poll streams (<see cref="SqliteSecurityEventOutbox.LeaseStreamAsync"/> and its kin). A stream is a
/// destination: leases find its due SETs through <c>outbox_pending_destination_due</c>, acknowledgements and rejections
/// find its SETs by <c>jti</c> through <c>outbox_pending_destination_jti</c>, so that a poll costs what it touches, never
/// what is pending.
/// </summary>
internal static class PollSql
{
    /// <summary>The cause recorded for an offer that ended without an acknowledgement; the in-memory store writes the same.</summary>
    public const string UnacknowledgedOfferCause = "Offered in a poll response; not acknowledged before the lease ended.";

    /// <summary>Up to $max SETs of stream $stream due at $now, earliest due first.</summary>
    public const string SelectDue = """
        SELECT id, set_token, destination, ordering_key, jti, enqueued_at, attempts, offered_until
        FROM outbox_pending
        WHERE destination = $stream AND due_at <= $now
        ORDER BY due_at, id
        LIMIT $max
        """;

    /// <summary>
    /// Up to $max SETs of stream $stream due at $now and not leased in process memory (the JSON array $leased), earliest
    /// due first.
    /// </summary>
    public const string SelectDueUnleased = """
        SELECT id, set_token, destination, ordering_key, jti, enqueued_at, attempts, offered_until
        FROM outbox_pending
        WHERE destination = $stream AND due_at <= $now AND id NOT IN (SELECT value FROM json_each($leased))
        ORDER BY due_at, id
        LIMIT $max
        """;

    /// <summary>
    /// Records, as a failed attempt at the time its lease ended, the last offer of each SET in the JSON array $ids that
    /// was offered before: it is due again, so that offer was never acknowledged.
    /// </summary>
    public const string RecordEndedOffers = $"""
        INSERT INTO outbox_attempts (outbox_id, number, at, outcome, status, err, cause)
        SELECT id, attempts + 1, offered_until, 3, 200, NULL, '{UnacknowledgedOfferCause}'
        FROM outbox_pending
        WHERE id IN (SELECT value FROM json_each($ids)) AND offered_until IS NOT NULL
        """;

    /// <summary>
    /// Leases the SETs in the JSON array $ids under token $token until $until, as offers: an earlier offer, recorded
    /// by <see cref="RecordEndedOffers"/> just before, is counted.
    /// </summary>
    public const string Lease = """
        UPDATE outbox_pending
        SET lease_token = $token, due_at = $until, attempts = attempts + (offered_until IS NOT NULL), offered_until = $until
        WHERE id IN (SELECT value FROM json_each($ids))
        """;

    /// <summary>
    /// Marks the SETs in the JSON array $ids as offered until $until, their leases held in process memory; an earlier
    /// offer, recorded by <see cref="RecordEndedOffers"/> just before, is counted.
    /// </summary>
    public const string MarkOffered = """
        UPDATE outbox_pending
        SET attempts = attempts + (offered_until IS NOT NULL), offered_until = $until
        WHERE id IN (SELECT value FROM json_each($ids))
        """;

    /// <summary>Removes the SETs of stream $stream whose jti is in the JSON array $jtis; returns what each needs next.</summary>
    public const string Acknowledge = """
        DELETE FROM outbox_pending
        WHERE destination = $stream AND jti IN (SELECT value FROM json_each($jtis))
        RETURNING id, ordering_key, attempts, due_at
        """;

    /// <summary>Removes the SETs of stream $stream whose jti is in the JSON array $jtis; returns what a dead letter needs.</summary>
    public const string Reject = """
        DELETE FROM outbox_pending
        WHERE destination = $stream AND jti IN (SELECT value FROM json_each($jtis))
        RETURNING id, set_token, ordering_key, jti, enqueued_at, attempts, due_at
        """;

    /// <summary>Forgets the attempts of the SETs in the JSON array $ids.</summary>
    public const string DeleteAttempts = """
        DELETE FROM outbox_attempts WHERE outbox_id IN (SELECT value FROM json_each($ids))
        """;
}
