using SecEvent.Delivery.Ssf;

namespace SecEvent.Delivery.Sqlite;

/// <summary>The SETs held for paused streams, in the order held.</summary>
public sealed partial class SqliteSsfStreamStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="events"/> holds a null event, or one without a SET or <c>jti</c>.</exception>
    public ValueTask<bool> HoldAsync(string streamId, IReadOnlyList<SsfHeldEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        SsfStreamStoreArguments.CheckHeld(events);

        return _connection.RunAsync((connection, statements) =>
        {
            // IMMEDIATE: a delete from another connection cannot come between the check and the inserts.
            using var transaction = connection.BeginTransaction(deferred: false);
            if ((long)statements.Get(SsfStreamSql.Exists, transaction).Bind("$stream_id", streamId).ExecuteScalar()! == 0)
            {
                return false;
            }

            var insert = statements.Get(SsfStreamSql.Hold, transaction).Bind("$stream_id", streamId);
            foreach (var held in events)
            {
                insert.Bind("$set_token", held.Set)
                    .Bind("$jti", held.Jti)
                    .Bind("$ordering_key", held.OrderingKey)
                    .Bind("$held_at", held.HeldAt.ToUnixTimeMilliseconds())
                    .ExecuteNonQuery();
            }

            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is negative.</exception>
    public ValueTask<IReadOnlyList<SsfHeldEvent>> ListHeldAsync(string streamId, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        return _connection.RunAsync<IReadOnlyList<SsfHeldEvent>>((_, statements) =>
        {
            var held = new List<SsfHeldEvent>();
            using var reader = statements.Get(SsfStreamSql.ListHeld).Bind("$stream_id", streamId).Bind("$limit", maxCount).ExecuteReader();
            while (reader.Read())
            {
                held.Add(new SsfHeldEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetStringOrNull(3), reader.GetTime(4)));
            }

            return held;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteHeldAsync(string streamId, long throughSequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        return _connection.RunAsync(
            (_, statements) => statements.Get(SsfStreamSql.DeleteHeld).Bind("$stream_id", streamId).Bind("$through", throughSequence).ExecuteNonQuery(),
            cancellationToken);
    }
}
