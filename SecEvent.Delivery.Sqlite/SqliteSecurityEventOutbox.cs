using SecEvent.Delivery.Outbox;

namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// An <see cref="ISecurityEventOutbox"/> in a SQLite file: a SET is on disk before <see cref="EnqueueAsync"/> returns,
/// and pending SETs, their attempts and the dead letters survive a crash or restart.
/// </summary>
/// <remarks>
/// <para>The file is in WAL mode. Enqueues, settlements, re-drives and deletions are synced to disk at commit
/// (<c>synchronous=FULL</c>); leases are not, because a lease lost to a power cut only makes its SET due again. Batch
/// SETs into one <see cref="EnqueueAsync"/> call where throughput matters: each call is one transaction and one sync.</para>
/// <para>Several instances, in this process or in others, may open one file; leases keep their dispatchers apart, and a
/// writer waits up to 30 seconds for another's transaction. <see cref="WaitForEnqueueAsync"/> sees only this instance's
/// enqueues. Thread-safe: calls on one instance take turns on its single connection.</para>
/// <para>Times are stored to the millisecond; destinations and ordering keys compare ordinally. A
/// <see cref="SqliteSecurityEventReplayStore"/> may share the file.</para>
/// </remarks>
public sealed partial class SqliteSecurityEventOutbox : ISecurityEventOutbox, IAsyncDisposable, IDisposable
{
    private readonly SerializedConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _signalGate = new();
    private TaskCompletionSource _enqueued = NewSignal();

    private SqliteSecurityEventOutbox(SerializedConnection connection, TimeProvider timeProvider)
    {
        _connection = connection;
        _timeProvider = timeProvider;
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
        return new SqliteSecurityEventOutbox(connection, timeProvider ?? TimeProvider.System);
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
        var ids = await _connection.RunAsync(connection =>
        {
            var ids = new long[items.Count];
            using var writer = new OutboxWriter(connection);
            var i = 0;
            while (i < items.Count)
            {
                // A run of SETs without an ordering key goes in as one statement; a keyed SET, whose due time depends on
                // the SETs of its key before it, one at a time. Ids still ascend in the order given.
                var run = i;
                while (run < items.Count && items[run].OrderingKey is null)
                {
                    run++;
                }

                if (run > i)
                {
                    writer.InsertUnordered(items, i, run - i, now, ids);
                    i = run;
                    continue;
                }

                var item = items[i];
                ids[i++] = writer.Insert(null, item.Set, item.Destination, item.OrderingKey, item.Jti, now);
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
