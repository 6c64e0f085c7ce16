namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// The outbox's statements. Each one that runs per SET finds its rows through an index, so that the cost of a call grows
/// with the SETs it touches, never with the SETs pending.
/// </summary>
internal static class OutboxSql
{
    /// <summary>
    /// Inserts a pending SET, due at once unless another SET of its ordering key is pending: then it waits. $id is null for
    /// a new SET, or the id a re-driven dead letter keeps.
    /// </summary>
    public const string Insert = """
        INSERT INTO outbox_pending (id, set_token, destination, ordering_key, jti, enqueued_at, due_at, attempts)
        VALUES ($id, $set, $destination, $key, $jti, $now,
            CASE WHEN $key IS NOT NULL AND EXISTS (SELECT 1 FROM outbox_pending WHERE ordering_key = $key)
                THEN 9223372036854775807 ELSE $now END,
            0)
        RETURNING id
        """;

    /// <summary>Inserts a pending SET without an ordering key, due at once; its id is the connection's last inserted row id.</summary>
    public const string InsertUnordered = """
        INSERT INTO outbox_pending (set_token, destination, ordering_key, jti, enqueued_at, due_at, attempts)
        VALUES ($set, $destination, NULL, $jti, $now, $now, 0)
        """;

    /// <summary>The SETs due at $now, earliest due first, skipping the destinations in the JSON array $excluded.</summary>
    public const string SelectDue = """
        SELECT id, set_token, destination, ordering_key, jti, enqueued_at, attempts
        FROM outbox_pending
        WHERE due_at <= $now AND destination NOT IN (SELECT value FROM json_each($excluded))
        ORDER BY due_at, id
        LIMIT $max
        """;

    /// <summary>
    /// Leases the SETs whose ids are in the JSON array $ids, all under token $token (a SET is told apart by its id and
    /// token together): one statement for the whole batch.
    /// </summary>
    public const string Lease = """
        UPDATE outbox_pending SET lease_token = $token, due_at = $until
        WHERE id IN (SELECT value FROM json_each($ids))
        """;

    /// <summary>
    /// The SETs due at $now that are not leased in process memory (the JSON array $leased), earliest due first, skipping
    /// the destinations in $excluded: a lease that writes nothing, for an outbox with one dispatcher process. The id test
    /// comes first: it needs only the index, so the leased SETs at the front of it are passed over without reading their
    /// rows.
    /// </summary>
    public const string SelectDueUnleased = """
        SELECT id, set_token, destination, ordering_key, jti, enqueued_at, attempts
        FROM outbox_pending
        WHERE due_at <= $now AND id NOT IN (SELECT value FROM json_each($leased))
            AND destination NOT IN (SELECT value FROM json_each($excluded))
        ORDER BY due_at, id
        LIMIT $max
        """;

    /// <summary>The earliest due time of a SET neither waiting behind its ordering key nor leased in process memory.</summary>
    public const string NextDueUnleased = """
        SELECT due_at FROM outbox_pending
        WHERE due_at < 9223372036854775807 AND id NOT IN (SELECT value FROM json_each($leased))
        ORDER BY due_at LIMIT 1
        """;

    /// <summary>Removes delivered SETs leased in process memory, given as the JSON array $ids.</summary>
    public const string RemoveDeliveredUnleased = """
        DELETE FROM outbox_pending
        WHERE id IN (SELECT value FROM json_each($ids)) AND lease_token IS NULL
        RETURNING id, ordering_key, attempts
        """;

    /// <summary>Makes the SETs in the JSON array $ids due at $now.</summary>
    public const string DueNow = "UPDATE outbox_pending SET due_at = $now WHERE id IN (SELECT value FROM json_each($ids))";

    /// <summary>Takes the next lease token.</summary>
    public const string TakeLeaseToken = """
        UPDATE outbox_state SET value = value + 1 WHERE name = 'last_lease_token' RETURNING value
        """;

    /// <summary>
    /// Ends a current lease with the SET staying pending, due at $due, one attempt more when $tried is 1. A poll offer the
    /// lease stood for is forgotten: it was given back unsent.
    /// </summary>
    public const string Reschedule = """
        UPDATE outbox_pending SET lease_token = NULL, due_at = $due, attempts = attempts + $tried, offered_until = NULL
        WHERE id = $id AND lease_token IS $token
        RETURNING attempts
        """;

    /// <summary>Ends a current lease with the SET leaving pending.</summary>
    public const string Remove = """
        DELETE FROM outbox_pending WHERE id = $id AND lease_token IS $token
        RETURNING set_token, destination, ordering_key, jti, enqueued_at, attempts
        """;

    /// <summary>
    /// Ends the current leases of delivered SETs, given as the JSON array $leases of <c>[id, token]</c> pairs; returns what
    /// each one that left pending needs next.
    /// </summary>
    public const string RemoveDeliveredBatch = """
        DELETE FROM outbox_pending
        WHERE (id, lease_token) IN (SELECT value ->> 0, value ->> 1 FROM json_each($leases))
        RETURNING id, ordering_key, attempts
        """;

    /// <summary>Makes the oldest pending SET of ordering key $key due at $now, once the one before it has left.</summary>
    public const string Promote = """
        UPDATE outbox_pending SET due_at = $now
        WHERE id = (SELECT id FROM outbox_pending WHERE ordering_key = $key ORDER BY id LIMIT 1)
        """;

    /// <summary>Records attempt $number of SET $id.</summary>
    public const string InsertAttempt = """
        INSERT INTO outbox_attempts (outbox_id, number, at, outcome, status, err, cause)
        VALUES ($id, $number, $at, $outcome, $status, $err, $cause)
        """;

    /// <summary>Forgets the attempts of SET $id.</summary>
    public const string DeleteAttempts = "DELETE FROM outbox_attempts WHERE outbox_id = $id";

    /// <summary>The attempts of SET $id, oldest first.</summary>
    public const string SelectAttempts = """
        SELECT at, outcome, status, err, cause FROM outbox_attempts WHERE outbox_id = $id ORDER BY number
        """;

    /// <summary>Returns every current lease, the SETs due at $now.</summary>
    public const string ReleaseAll = """
        UPDATE outbox_pending SET lease_token = NULL, due_at = $now WHERE lease_token IS NOT NULL
        """;

    /// <summary>The earliest due time of a SET not waiting behind its ordering key, or null.</summary>
    public const string NextDue = """
        SELECT due_at FROM outbox_pending WHERE due_at < 9223372036854775807 ORDER BY due_at LIMIT 1
        """;

    /// <summary>Pending count, oldest enqueue time and dead letter count, from one snapshot.</summary>
    public const string Statistics = """
        SELECT (SELECT COUNT(*) FROM outbox_pending),
               (SELECT MIN(enqueued_at) FROM outbox_pending),
               (SELECT COUNT(*) FROM outbox_dead_letters)
        """;

    /// <summary>Stores a dead letter with the id it had.</summary>
    public const string InsertDeadLetter = """
        INSERT INTO outbox_dead_letters (id, set_token, destination, ordering_key, jti, enqueued_at, dead_at, reason, attempts)
        VALUES ($id, $set, $destination, $key, $jti, $enqueued, $dead, $reason, $attempts)
        """;

    /// <summary>A page of dead letters after $after, without their SETs.</summary>
    public const string ListDeadLetters = """
        SELECT id, destination, ordering_key, jti, enqueued_at, dead_at, reason, attempts, NULL
        FROM outbox_dead_letters WHERE id > $after ORDER BY id LIMIT $max
        """;

    /// <summary>One dead letter with its SET.</summary>
    public const string GetDeadLetter = """
        SELECT id, destination, ordering_key, jti, enqueued_at, dead_at, reason, attempts, set_token
        FROM outbox_dead_letters WHERE id = $id
        """;

    /// <summary>Takes dead letter $id out, returning what a re-drive needs.</summary>
    public const string TakeDeadLetter = """
        DELETE FROM outbox_dead_letters WHERE id = $id RETURNING set_token, destination, ordering_key, jti
        """;

    /// <summary>Deletes dead letter $id.</summary>
    public const string DeleteDeadLetter = "DELETE FROM outbox_dead_letters WHERE id = $id";
}
