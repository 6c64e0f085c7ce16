using SecEvent.Delivery.Outbox;

namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// An <see cref="ISecurityEventOutbox"/> in a SQLite file: a SET is on disk before <see cref="EnqueueAsync"/> returns,
/// and pending SETs, their attempts and the dead letters survive a crash or restart.
/// </summary>
/// <remarks>
/// <para>The file is in WAL mode. Enqueues, re-drives and deletions are synced to disk at commit
/// (<c>synchronous=FULL</c>); leases and settlements are not, because one lost to a power cut only makes its SET due
/// again, to be delivered once more (receivers deduplicate). A process crash loses nothing. Batch SETs into one
/// <see cref="EnqueueAsync"/> call where throughput matters: each call is one transaction and one sync.</para>
/// <para>Opened with <see cref="OpenAsync"/>, several instances, in this process or in others, may share one file;
/// leases written to it keep their dispatchers apart, and a writer waits up to 30 seconds for another's transaction.
/// Opened with <see cref="OpenExclusiveAsync"/>, one instance holds the file alone and keeps its leases in memory,
/// which spares a write per SET. <see cref="WaitForEnqueueAsync"/> sees only this instance's enqueues. Thread-safe:
/// calls on one instance take turns on its single connection.</para>
/// <para>Times are stored to the millisecond; destinations and ordering keys compare ordinally. A
/// <see cref="SqliteSecurityEventReplayStore"/> may share the file.</para>
/// </remarks>
public sealed partial class SqliteSecurityEventOutbox : ISecurityEventOutbox, IAsyncDisposable, IDisposable
{
    private readonly SerializedConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _signalGate = new();
    private readonly ProcessLeases? _processLeases;
    private TaskCompletionSource _enqueued = NewSignal();

    private SqliteSecurityEventOutbox(SerializedConnection connection, TimeProvider timeProvider, ProcessLeases? processLeases)
    {
        _connection = connection;
        _timeProvider = timeProvider;
        _processLeases = processLeases;
    }

    /// <summary>The full path of the database file.</summary>
    public string Path => _connection.Path;

    /// <summary>Opens the outbox in the SQLite file at <paramref name="path"/>, creating the file and its tables if missing.</summary>
    /// <param name="path">The database file; a relative path is taken from the current directory.</param>
    /// <param name="timeProvider">
    /// The clock for enqueue, settlement and dead-letter times; <see cref="TimeProvider.System"/> when <see langword="null"/>.
    /// </param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The open outbox; dispose it to close the file.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a SQLite database, or holds a schema version this library does not read.
    /// </exception>
    public static async Task<SqliteSecurityEventOutbox> OpenAsync(string path, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var connection = await SerializedConnection.OpenAsync(path, fullSync: true, cancellationToken).ConfigureAwait(false);
        return new SqliteSecurityEventOutbox(connection, timeProvider ?? TimeProvider.System, null);
    }

    /// <summary>
    /// Opens the outbox in the SQLite file at <paramref name="path"/> for this instance alone, as the outbox of a single
    /// dispatcher process: the file is locked against every other connection while open, and leases live in memory
    /// instead of being written per SET. Leases a crashed process held are gone when the file is opened again: their SETs
    /// are due at once.
    /// </summary>
    /// <param name="path">The database file; a relative path is taken from the current directory.</param>
    /// <param name="timeProvider">
    /// The clock for enqueue, settlement and dead-letter times; <see cref="TimeProvider.System"/> when <see langword="null"/>.
    /// </param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The open outbox; dispose it to close and unlock the file.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a SQLite database, or holds a schema version this library does not read.
    /// </exception>
    /// <exception cref="Microsoft.Data.Sqlite.SqliteException">Another connection holds the file.</exception>
    public static async Task<SqliteSecurityEventOutbox> OpenExclusiveAsync(string path, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var time = timeProvider ?? TimeProvider.System;
        var connection = await SerializedConnection.OpenAsync(path, fullSync: true, cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            await connection.RunAsync(sqlite =>
            {
                using (var exclusive = sqlite.Command("PRAGMA locking_mode = EXCLUSIVE"))
                {
                    exclusive.ExecuteNonQuery();
                }

                // The first write takes the lock for good; it also returns leases written by a shared-mode instance.
                using var release = sqlite.Command(OutboxSql.ReleaseAll).Bind("$now", now);
                return release.ExecuteNonQuery();
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new SqliteSecurityEventOutbox(connection, time, new ProcessLeases());
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<long>> EnqueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            if (item is null)
            {
                throw new ArgumentException("An item is null.", nameof(items));
            }
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var ids = await _connection.RunAsync((connection, statements) =>
        {
            var ids = new long[items.Count];
            using var writer = new OutboxWriter(connection, statements);
            for (var i = 0; i < items.Count; i++)
            {
                // A keyed SET's due time depends on the SETs of its key before it; one without a key is due at once.
                var item = items[i];
                ids[i] = item.OrderingKey is null
                    ? writer.InsertUnordered(item, now)
                    : writer.Insert(null, item.Set, item.Destination, item.OrderingKey, item.Jti, now);
            }

            writer.Commit();
            return ids;
        }, cancellationToken).ConfigureAwait(false);
        SignalEnqueued();
        return ids;
    }

    /// <inheritdoc />
    public Task WaitForEnqueueAsync(CancellationToken cancellationToken = default)
    {
        lock (_signalGate)
        {
            return _enqueued.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Closes the file once the call in progress, if any, has finished.</summary>
    public void Dispose() => _connection.Dispose();

    /// <summary>Closes the file once the call in progress, if any, has finished.</summary>
    /// <returns>A task that completes once the file is closed.</returns>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void SignalEnqueued()
    {
        TaskCompletionSource signal;
        lock (_signalGate)
        {
            signal = _enqueued;
            _enqueued = NewSignal();
        }

        signal.TrySetResult();
    }
}
