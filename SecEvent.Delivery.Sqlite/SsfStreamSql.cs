namespace SecEvent.Delivery.Sqlite;

/// <summary>The statements of <see cref="SqliteSsfStreamStore"/>; the tables are in <see cref="SsfStreamSchema"/>.</summary>
internal static class SsfStreamSql
{
    private const string StreamColumns = "stream_id, receiver_id, configuration, status, reason, created_at, last_activity_at, last_verification_requested_at";

    // One statement, so the check for the receiver's other streams and the insert are atomic across connections too.
    // SQLite needs the WHERE clause for an upsert on INSERT ... SELECT to parse.
    public const string Create = $"""
        INSERT INTO ssf_streams ({StreamColumns})
        SELECT $stream_id, $receiver_id, $configuration, $status, $reason, $created_at, $last_activity_at, $last_verification_requested_at
        WHERE NOT $only OR NOT EXISTS (SELECT 1 FROM ssf_streams WHERE receiver_id = $receiver_id)
        ON CONFLICT (stream_id) DO NOTHING
        """;

    public const string Get = $"SELECT {StreamColumns} FROM ssf_streams WHERE stream_id = $stream_id";

    public const string ListAll = $"SELECT {StreamColumns} FROM ssf_streams ORDER BY id";

    public const string ListOfReceiver = $"SELECT {StreamColumns} FROM ssf_streams WHERE receiver_id = $receiver_id ORDER BY id";

    public const string Update = """
        UPDATE ssf_streams SET configuration = $configuration, status = $status, reason = $reason, created_at = $created_at,
            last_activity_at = $last_activity_at, last_verification_requested_at = $last_verification_requested_at
        WHERE stream_id = $stream_id AND receiver_id = $receiver_id
        """;

    public const string Delete = "DELETE FROM ssf_streams WHERE stream_id = $stream_id";

    public const string DeleteSubjects = "DELETE FROM ssf_subjects WHERE stream_id = $stream_id";

    public const string DeleteAllHeld = "DELETE FROM ssf_held WHERE stream_id = $stream_id";

    public const string Exists = "SELECT EXISTS (SELECT 1 FROM ssf_streams WHERE stream_id = $stream_id)";

    public const string AddSubject = """
        INSERT INTO ssf_subjects (stream_id, subject_key, subject, verified, excluded, added_at)
        SELECT $stream_id, $subject_key, $subject, $verified, $excluded, $added_at WHERE EXISTS (SELECT 1 FROM ssf_streams WHERE stream_id = $stream_id)
        ON CONFLICT (stream_id, subject_key) DO UPDATE SET subject = excluded.subject, verified = excluded.verified, excluded = excluded.excluded, added_at = excluded.added_at
        """;

    public const string RemoveSubject = "DELETE FROM ssf_subjects WHERE stream_id = $stream_id AND subject_key = $subject_key";

    public const string ListSubjects = "SELECT subject, verified, added_at, excluded FROM ssf_subjects WHERE stream_id = $stream_id ORDER BY id";

    public const string Hold = """
        INSERT INTO ssf_held (stream_id, set_token, jti, ordering_key, held_at) VALUES ($stream_id, $set_token, $jti, $ordering_key, $held_at)
        """;

    public const string ListHeld = """
        SELECT sequence, set_token, jti, ordering_key, held_at FROM ssf_held WHERE stream_id = $stream_id ORDER BY sequence LIMIT $limit
        """;

    public const string DeleteHeld = "DELETE FROM ssf_held WHERE stream_id = $stream_id AND sequence <= $through";
}
