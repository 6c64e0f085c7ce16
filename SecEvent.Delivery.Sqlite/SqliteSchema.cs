using Microsoft.Data.Sqlite;

namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// The tables of every SecEvent SQLite store, created together so that an outbox and a replay store may share one file.
/// The version lives in <c>PRAGMA user_version</c>.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The version this library writes and reads; a file of version 1 is upgraded when opened.</summary>
    public const int Version = 2;

    /// <summary>Marks a SET waiting behind an earlier one of its ordering key: never due until promoted.</summary>
    public const long Waiting = long.MaxValue;

    // Only the indexes that statements run per SET need: every index is paid for on each enqueue, lease and settlement.
    // Returning all leases (once, at a dispatcher's start) and the oldest enqueue time (for metrics, every few seconds)
    // read the table instead.
    // Times are Unix milliseconds (UTC). A pending SET's due_at is when it may be leased: the enqueue or retry time, the end
    // of its current lease, or Waiting. AUTOINCREMENT keeps ids from being reused after the newest SET is delivered.
    // offered_until is the lease end of a poll stream's latest offer of the SET, until that offer is counted as an attempt.
    private const string Create = """
        CREATE TABLE outbox_pending (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            set_token TEXT NOT NULL,
            destination TEXT NOT NULL,
            ordering_key TEXT,
            jti TEXT,
            enqueued_at INTEGER NOT NULL,
            due_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            lease_token INTEGER,
            offered_until INTEGER);
        CREATE INDEX outbox_pending_due ON outbox_pending (due_at, id);
        CREATE INDEX outbox_pending_ordering ON outbox_pending (ordering_key, id) WHERE ordering_key IS NOT NULL;
        CREATE TABLE outbox_attempts (
            outbox_id INTEGER NOT NULL,
            number INTEGER NOT NULL,
            at INTEGER NOT NULL,
            outcome INTEGER NOT NULL,
            status INTEGER,
            err TEXT,
            cause TEXT,
            PRIMARY KEY (outbox_id, number)) WITHOUT ROWID;
        CREATE TABLE outbox_dead_letters (
            id INTEGER PRIMARY KEY,
            set_token TEXT NOT NULL,
            destination TEXT NOT NULL,
            ordering_key TEXT,
            jti TEXT,
            enqueued_at INTEGER NOT NULL,
            dead_at INTEGER NOT NULL,
            reason TEXT NOT NULL,
            attempts INTEGER NOT NULL);
        CREATE TABLE outbox_state (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO outbox_state (name, value) VALUES ('last_lease_token', 0);
        CREATE TABLE replay_entries (
            iss TEXT NOT NULL,
            jti TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (iss, jti)) WITHOUT ROWID;
        CREATE INDEX replay_entries_expiry ON replay_entries (expires_at);
        PRAGMA user_version = 2;
        """;

    // Version 2 added poll streams: a column, nothing that changes the rows already there.
    private const string UpgradeFrom1 = """
        ALTER TABLE outbox_pending ADD COLUMN offered_until INTEGER;
        PRAGMA user_version = 2;
        """;

    // Poll streams lease by destination and acknowledge by destination and jti. These indexes are made the first time a
    // file serves a poll stream, not with the schema: every index costs each enqueue, lease and settlement, and a file
    // that only pushes would pay for two it never reads.
    private const string PollIndexes = """
        CREATE INDEX IF NOT EXISTS outbox_pending_destination_due ON outbox_pending (destination, due_at, id);
        CREATE INDEX IF NOT EXISTS outbox_pending_destination_jti ON outbox_pending (destination, jti);
        """;

    /// <summary>Creates the tables in a new file; upgrades a file of version 1; checks the version of any other.</summary>
    /// <exception cref="InvalidDataException">The file holds another schema version.</exception>
    public static void Ensure(SqliteConnection connection, string path)
    {
        if (ReadVersion(connection, null) == Version)
        {
            return;
        }

        // IMMEDIATE: a second process opening a new file at the same moment waits here and then finds the schema made.
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadVersion(connection, transaction);
        if (version is 0 or 1)
        {
            using var create = connection.CreateCommand();
            create.Transaction = transaction;
            create.CommandText = version == 0 ? Create : UpgradeFrom1;
            create.ExecuteNonQuery();
        }
        else if (version != Version)
        {
            throw new InvalidDataException(
                $"The SQLite file '{path}' has schema version {version}; this version of SecEvent.Delivery.Sqlite reads version {Version}, and version 1 by upgrading it, only. " +
                "Open it with the library version that wrote it, or use another file.");
        }

        transaction.Commit();
    }

    /// <summary>Makes the indexes poll streams need, if missing; building them reads every pending SET once.</summary>
    public static void EnsurePollIndexes(SqliteConnection connection)
    {
        using var create = connection.CreateCommand();
        create.CommandText = PollIndexes;
        create.ExecuteNonQuery();
    }

    private static long ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        return (long)command.ExecuteScalar()!;
    }
}
