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
        var excluded = SqliteJson.Strings(excludedDestinations);
        var at = now.ToUnixTimeMilliseconds();
        var until = (now + leaseDuration).ToUnixTimeMilliseconds();
        return _processLeases is { } leases
            ? _connection.RunAsync<IReadOnlyList<OutboxMessage>>((_, statements) => LeaseInMemory(statements, leases, maxCount, at, until, excluded), cancellationToken)
            : _connection.RunAsync<IReadOnlyList<OutboxMessage>>((connection, statements) => Lease(connection, statements, maxCount, at, until, excluded), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask SettleAsync(IReadOnlyList<OutboxSettlement> settlements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await _connection.RunAsync((connection, statements) =>
        {
            // Not synced at commit either: a settlement lost to a power cut leaves its SET leased, and when the lease
            // ends the SET is delivered again, which receivers deduplicate (RFC 8935 §2). A process crash loses nothing:
            // the WAL is written before the commit returns. Enqueues, which nothing could repeat, stay synced.
            SetFullSync(statements, full: false);
            try
            {
                using var writer = new OutboxWriter(connection, statements);
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
                SetFullSync(statements, full: true);
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
                using var due = connection.Command(OutboxSql.DueNow).Bind("$now", now).Bind("$ids", SqliteJson.Ids(ids));
                due.ExecuteNonQuery();
                return ids.Length;
            }

            using var command = connection.Command(OutboxSql.ReleaseAll).Bind("$now", now);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) =>
        _connection.RunAsync((_, statements) =>
        {
            if (_processLeases is { } leases)
            {
                // A SET leased in memory is due again when its lease ends.
                var unleased = statements.Get(OutboxSql.NextDueUnleased).Bind("$leased", leases.IdsJson());
                var due = unleased.ExecuteScalar() as long?;
                var end = leases.EarliestEnd();
                var next = due is null ? end : end is null ? due : Math.Min(due.Value, end.Value);
                return next is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : (DateTimeOffset?)null;
            }

            var command = statements.Get(OutboxSql.NextDue);
            return command.ExecuteScalar() is long shared ? DateTimeOffset.FromUnixTimeMilliseconds(shared) : (DateTimeOffset?)null;
        }, cancellationToken);

    private static OutboxMessage[] Lease(SqliteConnection connection, StatementCache statements, int maxCount, long now, long until, string excluded)
    {
        // A lease is not synced at commit: lost to a power cut, it leaves the SET due as before, which is what an expired
        // lease does anyway. The next synced commit carries it to disk with everything else in the WAL.
        SetFullSync(statements, full: false);
        try
        {
            using var transaction = connection.BeginTransaction();
            List<DueRow> due;
            due = ReadDue(statements.Get(OutboxSql.SelectDue, transaction)
                .Bind("$now", now).Bind("$excluded", excluded).Bind("$max", maxCount));
            if (due.Count == 0)
            {
                return [];
            }

            // One token for the batch, from a counter in the file, so that no instance, now or after a restart, hands
            // out one twice; one statement leases every SET of the batch.
            var token = (long)statements.Get(OutboxSql.TakeLeaseToken, transaction).ExecuteScalar()!;
            statements.Get(OutboxSql.Lease, transaction)
                .Bind("$token", token).Bind("$until", until).Bind("$ids", SqliteJson.Ids(due.Select(d => d.Id)))
                .ExecuteNonQuery();
            transaction.Commit();
            return Messages(due, token);
        }
        finally
        {
            SetFullSync(statements, full: true);
        }
    }

    private static OutboxMessage[] LeaseInMemory(StatementCache statements, ProcessLeases leases, int maxCount, long now, long until, string excluded)
    {
        // Nothing is written: the SETs stay as they are in the file, and the lease lives here until settled or ended.
        leases.Prune(now);
        var due = ReadDue(statements.Get(OutboxSql.SelectDueUnleased)
            .Bind("$now", now).Bind("$excluded", excluded).Bind("$leased", leases.IdsJson()).Bind("$max", maxCount));
        return due.Count == 0 ? [] : Messages(due, leases.Take(due.Select(d => d.Id), until));
    }

    /// <summary>Reads the rows of <see cref="OutboxSql.SelectDue"/> or <see cref="OutboxSql.SelectDueUnleased"/>.</summary>
    private static List<DueRow> ReadDue(SqliteCommand select)
    {
        var due = new List<DueRow>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            due.Add(new DueRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetStringOrNull(3),
                reader.GetStringOrNull(4), reader.GetTime(5), reader.GetInt32(6)));
        }

        return due;
    }

    private static OutboxMessage[] Messages(List<DueRow> due, long token) => [.. due.Select(d => new OutboxMessage
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

    private static void SetFullSync(StatementCache statements, bool full) =>
        statements.Get(full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL").ExecuteNonQuery();

    private readonly record struct DueRow(long Id, string Set, string Destination, string? OrderingKey, string? Jti, DateTimeOffset EnqueuedAt, int Attempts);
}
