using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Sqlite;

internal sealed partial class OutboxWriter
{
    /// <summary>
    /// Removes the SETs of <paramref name="stream"/> with these <c>jti</c> values, leased or not, with their attempts;
    /// the next SET of an ordering key whose head left becomes due. Returns the ids removed.
    /// </summary>
    public List<long> Acknowledge(string stream, IEnumerable<string> jtis, long now)
    {
        var removed = new List<(long Id, string? OrderingKey, int Attempts, bool WasDue)>();
        using (var reader = Statement(PollSql.Acknowledge).Bind("$stream", stream).Bind("$jtis", SqliteJson.Strings(jtis)).ExecuteReader())
        {
            while (reader.Read())
            {
                removed.Add((reader.GetInt64(0), reader.GetStringOrNull(1), reader.GetInt32(2), reader.GetInt64(3) != SqliteSchema.Waiting));
            }
        }

        if (removed.Any(r => r.Attempts > 0))
        {
            Statement(PollSql.DeleteAttempts).Bind("$ids", SqliteJson.Ids(removed.Where(r => r.Attempts > 0).Select(r => r.Id))).ExecuteNonQuery();
        }

        PromoteHeads(removed.Select(r => (r.OrderingKey, r.WasDue)), now);
        return removed.ConvertAll(r => r.Id);
    }

    /// <summary>
    /// Moves the SETs of <paramref name="stream"/> reported in <paramref name="errors"/> to the dead letters, each with one
    /// more attempt, rejected with its <c>err</c>. Returns the ids moved.
    /// </summary>
    public List<long> Reject(string stream, IReadOnlyDictionary<string, PollSetError> errors, long now)
    {
        var removed = new List<RejectedRow>();
        using (var reader = Statement(PollSql.Reject).Bind("$stream", stream).Bind("$jtis", SqliteJson.Strings(errors.Keys)).ExecuteReader())
        {
            while (reader.Read())
            {
                removed.Add(new RejectedRow(reader.GetInt64(0), reader.GetString(1), reader.GetStringOrNull(2), reader.GetString(3),
                    reader.GetInt64(4), reader.GetInt32(5), reader.GetInt64(6) != SqliteSchema.Waiting));
            }
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(now);
        foreach (var row in removed)
        {
            var error = errors[row.Jti];
            var reason = error.ToString();
            var count = row.Attempts + 1;
            AddAttempt(row.Id, count, new OutboxAttempt(at, PushOutcome.Rejected, null, error.Code, reason));
            Statement(OutboxSql.InsertDeadLetter)
                .Bind("$id", row.Id).Bind("$set", row.Set).Bind("$destination", stream).Bind("$key", row.OrderingKey)
                .Bind("$jti", row.Jti).Bind("$enqueued", row.EnqueuedAt).Bind("$dead", now)
                .Bind("$reason", reason).Bind("$attempts", count)
                .ExecuteNonQuery();
        }

        PromoteHeads(removed.Select(r => (r.OrderingKey, r.WasDue)), now);
        return removed.ConvertAll(r => r.Id);
    }

    /// <summary>
    /// Makes the next SET of each ordering key whose head left due, once per key. A SET that left while it still waited
    /// behind its key's head promotes nothing: the head stays as it was, leased or not.
    /// </summary>
    private void PromoteHeads(IEnumerable<(string? OrderingKey, bool WasDue)> removed, long now)
    {
        foreach (var key in removed.Where(r => r.WasDue && r.OrderingKey is not null).Select(r => r.OrderingKey).Distinct(StringComparer.Ordinal))
        {
            Promote(key, now);
        }
    }

    private sealed record RejectedRow(long Id, string Set, string? OrderingKey, string Jti, long EnqueuedAt, int Attempts, bool WasDue);
}
