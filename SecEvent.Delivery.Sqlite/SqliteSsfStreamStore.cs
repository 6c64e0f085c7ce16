using System.Text;
using Microsoft.Data.Sqlite;
using SecEvent.Delivery.Ssf;

namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// An <see cref="ISsfStreamStore"/> in a SQLite file: a transmitter's streams, their subjects and the SETs held for
/// paused streams survive a crash or restart.
/// </summary>
/// <remarks>
/// <para>The file is in WAL mode and every change is synced to disk at commit. Several instances, in this process or in
/// others, may share one file: creating the only stream of a receiver is one statement, so of two concurrent creates
/// exactly one succeeds. Thread-safe: calls on one instance take turns on its single connection.</para>
/// <para>A stream's configuration is stored as its JSON, and subjects as theirs, keyed by a canonical form so that equal
/// subjects (a complex subject's members in any order) are one row. Times are stored to the millisecond. An
/// <see cref="SqliteSecurityEventOutbox"/> and a <see cref="SqliteSecurityEventReplayStore"/> may share the file; the
/// stream tables are made the first time a stream store opens it.</para>
/// <para>Security: the configuration holds a push stream's <c>authorization_header</c>, which the transmitter needs to
/// deliver; it is stored as given, so protect the file as a secret.</para>
/// </remarks>
public sealed partial class SqliteSsfStreamStore : ISsfStreamStore, IAsyncDisposable
{
    private readonly SerializedConnection _connection;

    private SqliteSsfStreamStore(SerializedConnection connection) => _connection = connection;

    /// <summary>The full path of the database file.</summary>
    public string Path => _connection.Path;

    /// <summary>Opens the store in the SQLite file at <paramref name="path"/>, creating the file and its tables if missing.</summary>
    /// <param name="path">The database file; a relative path is taken from the current directory.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The open store; dispose it to close the file.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a SQLite database, or holds a schema version this library does not read.
    /// </exception>
    public static async Task<SqliteSsfStreamStore> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var connection = await SerializedConnection.OpenAsync(path, fullSync: true, cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.RunAsync(sqlite =>
            {
                SsfStreamSchema.Ensure(sqlite, connection.Path);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new SqliteSsfStreamStore(connection);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The stream is not one a store can keep; the message says why.</exception>
    public ValueTask<bool> CreateAsync(SsfStream stream, bool onlyStreamOfReceiver, CancellationToken cancellationToken = default)
    {
        var configuration = Encoding.UTF8.GetString(SsfStreamStoreArguments.CheckStream(stream));
        return _connection.RunAsync(
            (_, statements) => BindStream(statements.Get(SsfStreamSql.Create), stream, configuration).Bind("$only", onlyStreamOfReceiver).ExecuteNonQuery() == 1,
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The stored row cannot be read back.</exception>
    public async ValueTask<SsfStream?> GetAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        var streams = await _connection.RunAsync(
            (_, statements) => ReadStreams(statements.Get(SsfStreamSql.Get).Bind("$stream_id", streamId)),
            cancellationToken).ConfigureAwait(false);
        return streams.Count == 0 ? null : streams[0];
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">A stored row cannot be read back.</exception>
    public ValueTask<IReadOnlyList<SsfStream>> ListAsync(string? receiverId, CancellationToken cancellationToken = default) =>
        _connection.RunAsync<IReadOnlyList<SsfStream>>(
            (_, statements) => ReadStreams(receiverId is null
                ? statements.Get(SsfStreamSql.ListAll)
                : statements.Get(SsfStreamSql.ListOfReceiver).Bind("$receiver_id", receiverId)),
            cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The stream is not one a store can keep; the message says why.</exception>
    public ValueTask<bool> UpdateAsync(SsfStream stream, CancellationToken cancellationToken = default)
    {
        var configuration = Encoding.UTF8.GetString(SsfStreamStoreArguments.CheckStream(stream));
        return _connection.RunAsync(
            (_, statements) => BindStream(statements.Get(SsfStreamSql.Update), stream, configuration).ExecuteNonQuery() == 1,
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        return _connection.RunAsync((connection, statements) =>
        {
            // One transaction: a stream is never left without its subjects and held SETs, nor they without it.
            using var transaction = connection.BeginTransaction(deferred: false);
            var deleted = statements.Get(SsfStreamSql.Delete, transaction).Bind("$stream_id", streamId).ExecuteNonQuery() == 1;
            if (deleted)
            {
                statements.Get(SsfStreamSql.DeleteSubjects, transaction).Bind("$stream_id", streamId).ExecuteNonQuery();
                statements.Get(SsfStreamSql.DeleteAllHeld, transaction).Bind("$stream_id", streamId).ExecuteNonQuery();
            }

            transaction.Commit();
            return deleted;
        }, cancellationToken);
    }

    /// <summary>Closes the file once the call in progress, if any, has finished.</summary>
    /// <returns>A task that completes once the file is closed.</returns>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static SqliteCommand BindStream(SqliteCommand command, SsfStream stream, string configuration) => command
        .Bind("$stream_id", stream.StreamId)
        .Bind("$receiver_id", stream.ReceiverId)
        .Bind("$configuration", configuration)
        .Bind("$status", stream.Status)
        .Bind("$reason", stream.Reason)
        .Bind("$created_at", stream.CreatedAt.ToUnixTimeMilliseconds())
        .Bind("$last_activity_at", stream.LastActivityAt.ToUnixTimeMilliseconds())
        .Bind("$last_verification_requested_at", stream.LastVerificationRequestedAt?.ToUnixTimeMilliseconds());

    private static List<SsfStream> ReadStreams(SqliteCommand command)
    {
        var streams = new List<SsfStream>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var streamId = reader.GetString(0);
            if (!SsfStreamConfiguration.TryParse(Encoding.UTF8.GetBytes(reader.GetString(2)), out var configuration, out var error))
            {
                throw new InvalidDataException($"The stored configuration of a stream cannot be read: {error}");
            }

            if (!string.Equals(configuration.StreamId, streamId, StringComparison.Ordinal))
            {
                throw new InvalidDataException("A stored stream's configuration names another stream_id than its row.");
            }

            streams.Add(new SsfStream
            {
                Configuration = configuration,
                ReceiverId = reader.GetString(1),
                Status = reader.GetString(3),
                Reason = reader.GetStringOrNull(4),
                CreatedAt = reader.GetTime(5),
                LastActivityAt = reader.GetTime(6),
                LastVerificationRequestedAt = reader.IsDBNull(7) ? null : reader.GetTime(7),
            });
        }

        return streams;
    }
}
