using Microsoft.Data.Sqlite;

namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// The tables of <see cref="SqliteSsfStreamStore"/>, versioned apart from the outbox's (<see cref="SqliteSchema"/>): they
/// are made the first time a stream store opens a file, so a file that only holds an outbox never gets them, and their
/// version lives in a row of <c>ssf_schema</c> because <c>PRAGMA user_version</c> is the outbox's.
/// </summary>
internal static class SsfStreamSchema
{
    /// <summary>The version this library writes and reads.</summary>
    public const int Version = 1;

    // Times are Unix milliseconds (UTC). The AUTOINCREMENT ids give the orders the contract promises: streams in creation
    // order, held SETs in the order held (their sequence, never reused). A subject keeps its row, and so its place, when
    // it is added again; subject_key is its canonical JSON (SubjectKey), so equal subjects share a row.
    private const string Create = """
        CREATE TABLE ssf_schema (version INTEGER NOT NULL);
        INSERT INTO ssf_schema (version) VALUES (1);
        CREATE TABLE ssf_streams (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            stream_id TEXT NOT NULL UNIQUE,
            receiver_id TEXT NOT NULL,
            configuration TEXT NOT NULL,
            status TEXT NOT NULL,
            reason TEXT,
            created_at INTEGER NOT NULL,
            last_activity_at INTEGER NOT NULL,
            last_verification_requested_at INTEGER);
        CREATE INDEX ssf_streams_receiver ON ssf_streams (receiver_id, id);
        CREATE TABLE ssf_subjects (
            id INTEGER PRIMARY KEY,
            stream_id TEXT NOT NULL,
            subject_key TEXT NOT NULL,
            subject TEXT NOT NULL,
            verified INTEGER NOT NULL,
            excluded INTEGER NOT NULL,
            added_at INTEGER NOT NULL,
            UNIQUE (stream_id, subject_key));
        CREATE TABLE ssf_held (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            stream_id TEXT NOT NULL,
            set_token TEXT NOT NULL,
            jti TEXT NOT NULL,
            ordering_key TEXT,
            held_at INTEGER NOT NULL);
        CREATE INDEX ssf_held_stream ON ssf_held (stream_id, sequence);
        """;

    /// <summary>Creates the tables if missing; checks the version of tables already there.</summary>
    /// <exception cref="InvalidDataException">The tables hold another schema version.</exception>
    public static void Ensure(SqliteConnection connection, string path)
    {
        if (ReadVersion(connection, null) == Version)
        {
            return;
        }

        // IMMEDIATE: a second store opening the file at the same moment waits here and then finds the tables made.
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadVersion(connection, transaction);
        if (version == 0)
        {
            using var create = connection.Command(Create, transaction);
            create.ExecuteNonQuery();
        }
        else if (version != Version)
        {
            throw new InvalidDataException(
                $"The SQLite file '{path}' holds SSF stream tables of schema version {version}; this version of SecEvent.Delivery.Sqlite reads version {Version} only. " +
                "Open it with the library version that wrote it, or use another file.");
        }

        transaction.Commit();
    }

    private static long ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var exists = connection.Command("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ssf_schema')", transaction);
        if ((long)exists.ExecuteScalar()! == 0)
        {
            return 0;
        }

        using var version = connection.Command("SELECT max(version) FROM ssf_schema", transaction);
        return version.ExecuteScalar() is long value ? value : -1;
    }
}
