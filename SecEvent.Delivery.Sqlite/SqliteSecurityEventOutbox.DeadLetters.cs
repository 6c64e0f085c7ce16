using Microsoft.Data.Sqlite;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Sqlite;

public sealed partial class SqliteSecurityEventOutbox
{
    /// <inheritdoc />
    public ValueTask<OutboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) =>
        _connection.RunAsync(connection =>
        {
            using var command = connection.Command(OutboxSql.Statistics);
            using var reader = command.ExecuteReader();
            reader.Read();
            return new OutboxStatistics(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetTime(1), reader.GetInt64(2));
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxDeadLetter>> ListDeadLettersAsync(int maxCount, long? afterId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return _connection.RunAsync<IReadOnlyList<OutboxDeadLetter>>(connection =>
        {
            using var command = connection.Command(OutboxSql.ListDeadLetters).Bind("$after", afterId ?? long.MinValue).Bind("$max", maxCount);
            using var reader = command.ExecuteReader();
            var page = new List<OutboxDeadLetter>();
            while (reader.Read())
            {
                page.Add(ReadDeadLetter(reader, []));
            }

            return page;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<OutboxDeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken = default) =>
        _connection.RunAsync(connection =>
        {
            // One read transaction, so that the row and its attempts come from the same snapshot.
            using var transaction = connection.BeginTransaction(deferred: true);
            var attempts = new List<OutboxAttempt>();
            using (var command = connection.Command(OutboxSql.SelectAttempts, transaction).Bind("$id", id))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    attempts.Add(new OutboxAttempt(reader.GetTime(0), (PushOutcome)reader.GetInt32(1),
                        reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetStringOrNull(3), reader.GetStringOrNull(4)));
                }
            }

            using (var command = connection.Command(OutboxSql.GetDeadLetter, transaction).Bind("$id", id))
            using (var reader = command.ExecuteReader())
            {
                return reader.Read() ? ReadDeadLetter(reader, attempts) : null;
            }
        }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<int> RedriveAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var at = now.ToUnixTimeMilliseconds();
        var redriven = await _connection.RunAsync((connection, statements) =>
        {
            using var writer = new OutboxWriter(connection, statements);
            var count = ids.Count(id => writer.Redrive(id, at));
            writer.Commit();
            return count;
        }, cancellationToken).ConfigureAwait(false);
        if (redriven > 0)
        {
            SignalEnqueued();
        }

        return redriven;
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteDeadLettersAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return _connection.RunAsync((connection, statements) =>
        {
            using var writer = new OutboxWriter(connection, statements);
            var count = ids.Count(writer.DeleteDeadLetter);
            writer.Commit();
            return count;
        }, cancellationToken);
    }

    private static OutboxDeadLetter ReadDeadLetter(SqliteDataReader reader, IReadOnlyList<OutboxAttempt> attempts) => new()
    {
        Id = reader.GetInt64(0),
        Destination = reader.GetString(1),
        OrderingKey = reader.GetStringOrNull(2),
        Jti = reader.GetStringOrNull(3),
        EnqueuedAt = reader.GetTime(4),
        DeadAt = reader.GetTime(5),
        Reason = reader.GetString(6),
        AttemptCount = reader.GetInt32(7),
        Attempts = attempts,
        Set = reader.GetStringOrNull(8),
    };
}
