using Microsoft.Data.Sqlite;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;

namespace SecEvent.Delivery.Sqlite;

public sealed partial class SqliteSecurityEventOutbox : ISecurityEventPollQueue
{
    private bool _pollIndexesMade;

    /// <inheritdoc />
    public ValueTask<PollLease> LeaseStreamAsync(string stream, int maxCount, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var at = now.ToUnixTimeMilliseconds();
        var until = (now + leaseDuration).ToUnixTimeMilliseconds();
        return _connection.RunAsync((connection, statements) =>
        {
            EnsurePollIndexes(connection);

            // Like a dispatcher's lease, not synced at commit: lost to a power cut, it leaves the SETs due as before.
            SetFullSync(statements, full: false);
            try
            {
                return LeaseStream(connection, statements, stream, maxCount, at, until);
            }
            finally
            {
                SetFullSync(statements, full: true);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<int> AcknowledgeAsync(string stream, IReadOnlyCollection<string> jtis, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(jtis);
        if (jtis.Count == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return 0;
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return await _connection.RunAsync((connection, statements) => Settle(connection, statements, writer =>
        {
            var removed = writer.Acknowledge(stream, jtis, now);
            _processLeases?.Forget(removed);
            return removed.Count;
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> RejectAsync(string stream, IReadOnlyDictionary<string, PollSetError> errors, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Values.Any(e => e is null))
        {
            throw new ArgumentException("An error is null.", nameof(errors));
        }

        if (errors.Count == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return 0;
        }

        var at = now.ToUnixTimeMilliseconds();
        return await _connection.RunAsync((connection, statements) => Settle(connection, statements, writer =>
        {
            var moved = writer.Reject(stream, errors, at);
            _processLeases?.Forget(moved);
            return moved.Count;
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction not synced at commit: like a settlement, an acknowledgement or
    /// rejection lost to a power cut only has the SET offered again (receivers deduplicate, RFC 8936 §2.4).
    /// </summary>
    private int Settle(SqliteConnection connection, StatementCache statements, Func<OutboxWriter, int> work)
    {
        EnsurePollIndexes(connection);
        SetFullSync(statements, full: false);
        try
        {
            using var writer = new OutboxWriter(connection, statements);
            var count = work(writer);
            writer.Commit();
            return count;
        }
        finally
        {
            SetFullSync(statements, full: true);
        }
    }

    private PollLease LeaseStream(SqliteConnection connection, StatementCache statements, string stream, int maxCount, long now, long until)
    {
        var leases = _processLeases;
        leases?.Prune(now);

        // Looked for outside a transaction first: an idle long poll looks every second or so, and takes no write lock.
        var due = SelectOffers(statements, null, stream, maxCount, now);
        if (due.Count == 0)
        {
            return PollLease.Empty;
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        if (leases is null)
        {
            // Another instance sharing the file may have leased them since: look again under the write lock.
            due = SelectOffers(statements, transaction, stream, maxCount, now);
            if (due.Count == 0)
            {
                return PollLease.Empty;
            }
        }

        var more = due.Count > maxCount;
        if (more)
        {
            due.RemoveAt(maxCount);
        }

        var ids = SqliteJson.Ids(due.Select(d => d.Row.Id));
        statements.Get(PollSql.RecordEndedOffers, transaction).Bind("$ids", ids).ExecuteNonQuery();
        var token = 0L;
        if (leases is null)
        {
            // Leases written to the file, as a shared-mode dispatcher's are, so that other instances leave these SETs alone.
            token = (long)statements.Get(OutboxSql.TakeLeaseToken, transaction).ExecuteScalar()!;
            statements.Get(PollSql.Lease, transaction).Bind("$token", token).Bind("$until", until).Bind("$ids", ids).ExecuteNonQuery();
        }
        else
        {
            // The lease lives in memory; only the offer is written, so that it is counted once it ends unacknowledged.
            statements.Get(PollSql.MarkOffered, transaction).Bind("$until", until).Bind("$ids", ids).ExecuteNonQuery();
        }

        transaction.Commit();
        if (leases is not null)
        {
            token = leases.Take(due.Select(d => d.Row.Id), until);
        }

        // An earlier offer that ended unacknowledged has just been counted.
        return new PollLease(Messages(due.ConvertAll(d => d.OfferedBefore ? d.Row with { Attempts = d.Row.Attempts + 1 } : d.Row), token), more);
    }

    /// <summary>Up to one more SET than <paramref name="maxCount"/>, which tells whether more are due.</summary>
    private List<Offer> SelectOffers(StatementCache statements, SqliteTransaction? transaction, string stream, int maxCount, long now)
    {
        var select = _processLeases is { } leases
            ? statements.Get(PollSql.SelectDueUnleased, transaction).Bind("$leased", leases.IdsJson())
            : statements.Get(PollSql.SelectDue, transaction);
        return ReadOffers(select.Bind("$stream", stream).Bind("$now", now).Bind("$max", (long)maxCount + 1));
    }

    private static List<Offer> ReadOffers(SqliteCommand select)
    {
        var due = new List<Offer>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            due.Add(new Offer(
                new DueRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetStringOrNull(3),
                    reader.GetStringOrNull(4), reader.GetTime(5), reader.GetInt32(6)),
                !reader.IsDBNull(7)));
        }

        return due;
    }

    private readonly record struct Offer(DueRow Row, bool OfferedBefore);

    /// <summary>Makes the poll indexes the first time this instance serves a poll stream; called under the connection's gate.</summary>
    private void EnsurePollIndexes(SqliteConnection connection)
    {
        if (!_pollIndexesMade)
        {
            SqliteSchema.EnsurePollIndexes(connection);
            _pollIndexesMade = true;
        }
    }
}
