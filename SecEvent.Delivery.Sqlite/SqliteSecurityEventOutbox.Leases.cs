using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SecEvent.Delivery.Outbox;

namespace SecEvent.Delivery.Sqlite;

public sealed partial class SqliteSecurityEventOutbox
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxMessage>> LeaseAsync(int maxCount, DateTimeOffset now, TimeSpan leaseDuration, IReadOnlySet<string>? excludedDestinations = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var excluded = JsonArray(excludedDestinations);
        var at = now.ToUnixTimeMilliseconds();
        var until = (now + leaseDuration).ToUnixTimeMilliseconds();
        return _connection.RunAsync<IReadOnlyList<OutboxMessage>>(connection => Lease(connection, maxCount, at, until, excluded), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask SettleAsync(IReadOnlyList<OutboxSettlement> settlements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await _connection.RunAsync(connection =>
        {
            using var writer = new OutboxWriter(connection);
            foreach (var settlement in settlements)
            {
                writer.Settle(settlement, now);
            }

            writer.Commit();
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<int> ReleaseAllLeasesAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return _connection.RunAsync(connection =>
        {
            using var command = connection.Command(OutboxSql.ReleaseAll).Bind("$now", now);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) =>
        _connection.RunAsync(connection =>
        {
            using var command = connection.Command(OutboxSql.NextDue);
            return command.ExecuteScalar() is long due ? DateTimeOffset.FromUnixTimeMilliseconds(due) : (DateTimeOffset?)null;
        }, cancellationToken);

    private static OutboxMessage[] Lease(SqliteConnection connection, int maxCount, long now, long until, string excluded)
    {
        // A lease is not synced at commit: lost to a power cut, it leaves the SET due as before, which is what an expired
        // lease does anyway. The next synced commit carries it to disk with everything else in the WAL.
        SetFullSync(connection, full: false);
        try
        {
            using var transaction = connection.BeginTransaction();
            var due = new List<DueRow>();
            using (var select = connection.Command(OutboxSql.SelectDue, transaction)
                .Bind("$now", now).Bind("$excluded", excluded).Bind("$max", maxCount))
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    due.Add(new DueRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetStringOrNull(3),
                        reader.GetStringOrNull(4), reader.GetTime(5), reader.GetInt32(6)));
                }
            }

            if (due.Count == 0)
            {
                return [];
            }

            // Tokens come from a counter in the file, so that no instance, now or after a restart, hands out one twice.
            using var take = connection.Command(OutboxSql.TakeLeaseTokens, transaction).Bind("$count", due.Count);
            var token = (long)take.ExecuteScalar()! - due.Count;
            var leased = new OutboxMessage[due.Count];
            using var lease = connection.Command(OutboxSql.Lease, transaction).Bind("$until", until);
            for (var i = 0; i < due.Count; i++)
            {
                var row = due[i];
                lease.Bind("$token", ++token).Bind("$id", row.Id).ExecuteNonQuery();
                leased[i] = new OutboxMessage
                {
                    Id = row.Id,
                    LeaseToken = token,
                    Set = row.Set,
                    Destination = row.Destination,
                    OrderingKey = row.OrderingKey,
                    Jti = row.Jti,
                    EnqueuedAt = row.EnqueuedAt,
                    Attempts = row.Attempts,
                };
            }

            transaction.Commit();
            return leased;
        }
        finally
        {
            SetFullSync(connection, full: true);
        }
    }

    private static void SetFullSync(SqliteConnection connection, bool full)
    {
        using var command = connection.Command(full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        command.ExecuteNonQuery();
    }

    private static string JsonArray(IReadOnlySet<string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return "[]";
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private readonly record struct DueRow(long Id, string Set, string Destination, string? OrderingKey, string? Jti, DateTimeOffset EnqueuedAt, int Attempts);
}
