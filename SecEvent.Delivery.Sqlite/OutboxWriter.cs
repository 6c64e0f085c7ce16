using Microsoft.Data.Sqlite;
using SecEvent.Delivery.Outbox;

namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// One write transaction on the outbox's tables, with each statement prepared on first use and reused for every SET
/// after it. Keeps the ordering rule: among pending SETs of one ordering key, only the oldest may be due.
/// </summary>
internal sealed partial class OutboxWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly StatementCache _statements;

    /// <summary>Begins an IMMEDIATE transaction: it takes the write lock at once, so that it never fails half way.</summary>
    public OutboxWriter(SqliteConnection connection, StatementCache statements)
    {
        _connection = connection;
        _statements = statements;
        _transaction = connection.BeginTransaction(deferred: false);
    }

    /// <summary>Stores a pending SET due at <paramref name="now"/>, or waiting behind its ordering key; returns its id.</summary>
    public long Insert(long? id, string set, string destination, string? orderingKey, string? jti, long now) =>
        (long)Statement(OutboxSql.Insert)
            .Bind("$id", id).Bind("$set", set).Bind("$destination", destination).Bind("$key", orderingKey).Bind("$jti", jti)
            .Bind("$now", now)
            .ExecuteScalar()!;

    /// <summary>
    /// Stores a pending SET without an ordering key, due at <paramref name="now"/>; returns its id. A statement per SET
    /// beats one statement over a JSON array of them: it skips building and parsing the array, which for a large batch is
    /// a large-object allocation.
    /// </summary>
    public long InsertUnordered(OutboxItem item, long now)
    {
        // Without RETURNING no reader is opened per row; the id is the connection's last insert, read from SQLite itself.
        Statement(OutboxSql.InsertUnordered)
            .Bind("$set", item.Set).Bind("$destination", item.Destination).Bind("$jti", item.Jti).Bind("$now", now)
            .ExecuteNonQuery();
        return SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
    }

    /// <summary>
    /// Writes the settlements of delivered SETs in one statement; those whose leases are no longer current change nothing.
    /// </summary>
    public void SettleDelivered(IReadOnlyList<OutboxSettlement> delivered, long now, bool leasedInMemory = false)
    {
        var removed = new List<(long Id, string? OrderingKey, int Attempts)>(delivered.Count);
        var command = leasedInMemory
            ? Statement(OutboxSql.RemoveDeliveredUnleased).Bind("$ids", SqliteJson.Ids(delivered.Select(d => d.Message.Id)))
            : Statement(OutboxSql.RemoveDeliveredBatch)
                .Bind("$leases", SqliteJson.Pairs(delivered.Select(d => (d.Message.Id, d.Message.LeaseToken))));
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                removed.Add((reader.GetInt64(0), reader.GetStringOrNull(1), reader.GetInt32(2)));
            }
        }

        foreach (var (id, orderingKey, attempts) in removed)
        {
            if (attempts > 0)
            {
                DeleteAttempts(id); // Only a SET that failed before has attempts to forget.
            }

            Promote(orderingKey, now);
        }
    }

    /// <summary>
    /// Writes one settlement; one whose lease is no longer current changes nothing. A lease held in process memory
    /// (<paramref name="leasedInMemory"/>, checked by the caller) left no token in the row.
    /// </summary>
    public void Settle(OutboxSettlement settlement, long now, bool leasedInMemory = false)
    {
        var id = settlement.Message.Id;
        long? token = leasedInMemory ? null : settlement.Message.LeaseToken;
        switch (settlement.Kind)
        {
            case OutboxSettlementKind.Retry:
                var tried = settlement.Attempt is not null;
                if (Reschedule(id, token, settlement.NextAttemptAt?.ToUnixTimeMilliseconds() ?? now, tried) is { } attempts && tried)
                {
                    AddAttempt(id, attempts, settlement.Attempt!);
                }

                break;
            case OutboxSettlementKind.Release:
                Reschedule(id, token, now, tried: false);
                break;
            case OutboxSettlementKind.DeadLetter:
                if (Remove(id, token) is { } dead)
                {
                    var count = dead.Attempts;
                    if (settlement.Attempt is { } attempt)
                    {
                        AddAttempt(id, ++count, attempt);
                    }

                    Statement(OutboxSql.InsertDeadLetter)
                        .Bind("$id", id).Bind("$set", dead.Set).Bind("$destination", dead.Destination).Bind("$key", dead.OrderingKey)
                        .Bind("$jti", dead.Jti).Bind("$enqueued", dead.EnqueuedAt)
                        .Bind("$dead", settlement.Attempt?.At.ToUnixTimeMilliseconds() ?? now)
                        .Bind("$reason", settlement.Reason).Bind("$attempts", count)
                        .ExecuteNonQuery();
                    Promote(dead.OrderingKey, now);
                }

                break;
            default:
                SettleDelivered([settlement], now, leasedInMemory);
                break;
        }
    }

    /// <summary>Moves dead letter <paramref name="id"/> back to pending with a fresh age and no attempts; false when unknown.</summary>
    public bool Redrive(long id, long now)
    {
        string set, destination;
        string? orderingKey, jti;
        using (var reader = Statement(OutboxSql.TakeDeadLetter).Bind("$id", id).ExecuteReader())
        {
            if (!reader.Read())
            {
                return false;
            }

            (set, destination, orderingKey, jti) = (reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3));
        }

        DeleteAttempts(id);
        Insert(id, set, destination, orderingKey, jti, now);
        return true;
    }

    /// <summary>Deletes dead letter <paramref name="id"/> and its attempts; false when unknown.</summary>
    public bool DeleteDeadLetter(long id)
    {
        if (Statement(OutboxSql.DeleteDeadLetter).Bind("$id", id).ExecuteNonQuery() == 0)
        {
            return false;
        }

        DeleteAttempts(id);
        return true;
    }

    /// <summary>Commits; until then, nothing written is visible to other connections.</summary>
    public void Commit() => _transaction.Commit();

    /// <summary>Rolls back unless committed.</summary>
    public void Dispose() => _transaction.Dispose();

    private int? Reschedule(long id, long? token, long due, bool tried) =>
        Statement(OutboxSql.Reschedule)
            .Bind("$id", id).Bind("$token", token).Bind("$due", due).Bind("$tried", tried ? 1 : 0)
            .ExecuteScalar() is long attempts ? (int)attempts : null;

    private RemovedRow? Remove(long id, long? token)
    {
        using var reader = Statement(OutboxSql.Remove).Bind("$id", id).Bind("$token", token).ExecuteReader();
        return reader.Read()
            ? new RemovedRow(reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3), reader.GetInt64(4), reader.GetInt32(5))
            : null;
    }

    // The SET that left was its key's head: the next one of the key, if any, is due from now.
    private void Promote(string? orderingKey, long now)
    {
        if (orderingKey is not null)
        {
            Statement(OutboxSql.Promote).Bind("$key", orderingKey).Bind("$now", now).ExecuteNonQuery();
        }
    }

    private void AddAttempt(long id, int number, OutboxAttempt attempt) =>
        Statement(OutboxSql.InsertAttempt)
            .Bind("$id", id).Bind("$number", number).Bind("$at", attempt.At.ToUnixTimeMilliseconds()).Bind("$outcome", (int)attempt.Outcome)
            .Bind("$status", attempt.StatusCode).Bind("$err", attempt.ErrorCode).Bind("$cause", attempt.Cause)
            .ExecuteNonQuery();

    private void DeleteAttempts(long id) => Statement(OutboxSql.DeleteAttempts).Bind("$id", id).ExecuteNonQuery();

    private SqliteCommand Statement(string text) => _statements.Get(text, _transaction);

    private sealed record RemovedRow(string Set, string Destination, string? OrderingKey, string? Jti, long EnqueuedAt, int Attempts);
}
