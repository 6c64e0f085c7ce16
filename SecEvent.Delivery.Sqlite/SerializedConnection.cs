using Microsoft.Data.Sqlite;

namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// One SQLite connection used by one call at a time. Microsoft.Data.Sqlite runs every command synchronously, so the work
/// passed to <c>RunAsync</c> is synchronous too; only the wait for the connection is asynchronous.
/// </summary>
internal sealed class SerializedConnection : IAsyncDisposable, IDisposable
{
    // How long a writer waits for another connection's transaction (another instance or process) before failing.
    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteConnection _connection;
    private readonly StatementCache _statements;
    private bool _disposed;

    private SerializedConnection(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
        _statements = new StatementCache(connection);
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens <paramref name="path"/> (creating it and the schema if missing; relative to the current directory) in WAL
    /// mode, synced at every commit when <paramref name="fullSync"/> is set.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a SQLite database or holds another schema version.</exception>
    public static async Task<SerializedConnection> OpenAsync(string path, bool fullSync, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        cancellationToken.ThrowIfCancellationRequested();
        path = System.IO.Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // Without pooling, disposing the store closes the file, so that it can be moved or deleted at once.
            Pooling = false,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using (var pragmas = connection.CreateCommand())
            {
                // FULL syncs the WAL at every commit, so that a SET is on disk before EnqueueAsync returns; NORMAL may lose
                // the last commits to a power cut (never to a process crash) and suits data that may be rebuilt. A larger
                // page cache and rarer checkpoints (each one syncs the database file) spare the disk under a steady flow;
                // the WAL is cut back to 64 MB after each checkpoint.
                pragmas.CommandText = $"""
                    PRAGMA busy_timeout = {BusyTimeoutMilliseconds};
                    PRAGMA journal_mode = WAL;
                    PRAGMA synchronous = {(fullSync ? "FULL" : "NORMAL")};
                    PRAGMA cache_size = -16384;
                    PRAGMA wal_autocheckpoint = 8192;
                    PRAGMA journal_size_limit = 67108864;
                    """;
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            SqliteSchema.Ensure(connection, path);
            return new SerializedConnection(path, connection);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteErrorCodes.NotADatabase or SqliteErrorCodes.Corrupt)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new InvalidDataException($"The file '{path}' is not a usable SQLite database: {e.Message}", e);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> once no other call uses the connection.</summary>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the work began.</exception>
    public ValueTask<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) =>
        RunAsync((connection, _) => work(connection), cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> once no other call uses the connection, with the connection's prepared statements.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the work began.</exception>
    public async ValueTask<T> RunAsync<T>(Func<SqliteConnection, StatementCache, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            return work(_connection, _statements);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the connection once the call in progress, if any, has finished.</summary>
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            Close();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the connection once the call in progress, if any, has finished.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Close();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Close()
    {
        if (!_disposed)
        {
            _disposed = true;
            _statements.Dispose();
            _connection.Dispose();
        }
    }
}
