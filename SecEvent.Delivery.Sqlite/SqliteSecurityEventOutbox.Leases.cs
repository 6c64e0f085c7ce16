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
        return _processLeases is { } leases
            ? _connection.RunAsync<IReadOnlyList<OutboxMessage>>(connection => LeaseInMemory(connection, leases, maxCount, at, until, excluded), cancellationToken)
            : _connection.RunAsync<IReadOnlyList<OutboxMessage>>(connection => Lease(connection, maxCount, at, until, excluded), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask SettleAsync(IReadOnlyList<OutboxSettlement> settlements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await _connection.RunAsync(connection =>
        {
            // Not synced at commit either: a settlement lost to a power cut leaves its SET leased, and when the lease
            // ends the SET is delivered again, which receivers deduplicate (RFC 8935 §2). A process crash loses nothing:
            // the WAL is written before the commit returns. Enqueues, which nothing could repeat, stay synced.
            SetFullSync(connection, full: false);
            try
            {
                using var writer = new OutboxWriter(connection);
                var inMemory = _processLeases is not null;
                var delivered = new List<OutboxSettlement>(settlements.Count);
                foreach (var settlement in settlements)
                {
                    if (inMemory && !_processLeases!.TryEnd(settlement.Message.Id, settlement.Message.LeaseToken))
                    {
                        continue; // Not this lease's to settle: it ended, or was never issued.
                    }

                    if (settlement.Kind == OutboxSettlementKind.Delivered)
                    {
                        delivered.Add(settlement); // The common case: one statement for all of them.
                    }
                    else
                    {
                        writer.Settle(settlement, now, inMemory);
                    }
                }

                if (delivered.Count > 0)
                {
                    writer.SettleDelivered(delivered, now, inMemory);
                }

                writer.Commit();
                return true;
            }
            finally
            {
                SetFullSync(connection, full: true);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<int> ReleaseAllLeasesAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return _connection.RunAsync(connection =>
        {
            if (_processLeases is { } leases)
            {
                var ids = leases.Clear();
                using var due = connection.Command(OutboxSql.DueNow).Bind("$now", now).Bind("$ids", "[" + string.Join(',', ids) + "]");
                due.ExecuteNonQuery();
                return ids.Length;
            }

            using var command = connection.Command(OutboxSql.ReleaseAll).Bind("$now", now);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) =>
        _connection.RunAsync(connection =>
        {
            if (_processLeases is { } leases)
            {
                // A SET leased in memory is due again when its lease ends.
                using var unleased = connection.Command(OutboxSql.NextDueUnleased).Bind("$leased", leases.IdsJson());
                var due = unleased.ExecuteScalar() as long?;
                var end = leases.EarliestEnd();
                var next = due is null ? end : end is null ? due : Math.Min(due.Value, end.Value);
                return next is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : (DateTimeOffset?)null;
            }

            using var command = connection.Command(OutboxSql.NextDue);
            return command.ExecuteScalar() is long shared ? DateTimeOffset.FromUnixTimeMilliseconds(shared) : (DateTimeOffset?)null;
        }, cancellationToken);

    private static OutboxMessage[] Lease(SqliteConnection connection, int maxCount, long now, long until, string excluded)
    {
        // A lease is not synced at commit: lost to a power cut, it leaves the SET due as before, which is what an expired
        // lease does anyway. The next synced commit carries it to disk with everything else in the WAL.
        SetFullSync(connection, full: false);
        try
        {
            using var transaction = connection.BeginTransaction();
            var leased = new List<OutboxMessage>();
            using (var select = connection.Command(OutboxSql.SelectDue, transaction)
                .Bind("$now", now).Bind("$excluded", excluded).Bind("$max", maxCount))
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    leased.Add(new OutboxMessage
                    {
                        Id = reader.GetInt64(0),
                        LeaseToken = 0, // Set below, once the token is taken.
                        Set = reader.GetString(1),
                        Destination = reader.GetString(2),
                        OrderingKey = reader.GetStringOrNull(3),
                        Jti = reader.GetStringOrNull(4),
                        EnqueuedAt = reader.GetTime(5),
                        Attempts = reader.GetInt32(6),
                    });
                }
            }

            if (leased.Count == 0)
            {
                return [];
            }

            // One token for the batch, from a counter in the file, so that no instance, now or after a restart, hands
            // out one twice; one statement leases every SET of the batch.
            using var take = connection.Command(OutboxSql.TakeLeaseToken, transaction);
            var token = (long)take.ExecuteScalar()!;
            using var lease = connection.Command(OutboxSql.Lease, transaction)
                .Bind("$token", token).Bind("$until", until).Bind("$ids", JsonArray(leased.Select(m => m.Id)));
            lease.ExecuteNonQuery();
            var messages = leased.ConvertAll(m => new OutboxMessage
            {
                Id = m.Id,
                LeaseToken = token,
                Set = m.Set,
                Destination = m.Destination,
                OrderingKey = m.OrderingKey,
                Jti = m.Jti,
                EnqueuedAt = m.EnqueuedAt,
                Attempts = m.Attempts,
            });
            transaction.Commit();
            return [.. messages];
        }
        finally
        {
            SetFullSync(connection, full: true);
        }
    }

    private static OutboxMessage[] LeaseInMemory(SqliteConnection connection, ProcessLeases leases, int maxCount, long now, long until, string excluded)
    {
        // Nothing is written: the SETs stay as they are in the file, and the lease lives here until settled or ended.
        leases.Prune(now);
        var due = new List<(long Id, string Set, string Destination, string? OrderingKey, string? Jti, DateTimeOffset EnqueuedAt, int Attempts)>();
        using (var select = connection.Command(OutboxSql.SelectDueUnleased)
            .Bind("$now", now).Bind("$excluded", excluded).Bind("$leased", leases.IdsJson()).Bind("$max", maxCount))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                due.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetStringOrNull(3),
                    reader.GetStringOrNull(4), reader.GetTime(5), reader.GetInt32(6)));
            }
        }

        if (due.Count == 0)
        {
            return [];
        }

        var token = leases.Take(due.Select(d => d.Id), until);
        return [.. due.Select(d => new OutboxMessage
        {
            Id = d.Id,
            LeaseToken = token,
            Set = d.Set,
            Destination = d.Destination,
            OrderingKey = d.OrderingKey,
            Jti = d.Jti,
            EnqueuedAt = d.EnqueuedAt,
            Attempts = d.Attempts,
        })];
    }

    private static void SetFullSync(SqliteConnection connection, bool full)
    {
        using var command = connection.Command(full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        command.ExecuteNonQuery();
    }

    private static string JsonArray(IEnumerable<long> ids) => "[" + string.Join(',', ids) + "]";

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

}
