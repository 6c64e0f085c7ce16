using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// An <see cref="ISecurityEventReplayStore"/> in a SQLite file, so that a receiver still answers a retransmission with
/// 202 after a restart (RFC 8935 §2). Thread-safe.
/// </summary>
/// <remarks>
/// <para>Expired entries are ignored at once and deleted a bounded number at a time every few hundred additions, so that
/// no call does work proportional to the size of the table. Entries are not synced to disk at each commit: a power cut
/// (never a process crash) may forget the last few, which at worst hands a late retransmission to the sink again.</para>
/// <para>An <see cref="SqliteSecurityEventOutbox"/> may share the file.</para>
/// </remarks>
public sealed class SqliteSecurityEventReplayStore : ISecurityEventReplayStore, IAsyncDisposable, IDisposable
{
    // Every PurgeInterval additions, up to PurgeBatch expired entries are deleted: ten times as many as were added, so
    // that expired entries cannot pile up, in slices small enough to keep each addition quick.
    private const int PurgeInterval = 256;
    private const int PurgeBatch = 2560;

    private const string Contains = "SELECT EXISTS (SELECT 1 FROM replay_entries WHERE iss = $iss AND jti = $jti AND expires_at > $now)";

    private const string Upsert = """
        INSERT INTO replay_entries (iss, jti, expires_at) VALUES ($iss, $jti, $expires)
        ON CONFLICT (iss, jti) DO UPDATE SET expires_at = excluded.expires_at
        """;

    private const string Purge = """
        DELETE FROM replay_entries WHERE (iss, jti) IN (
            SELECT iss, jti FROM replay_entries WHERE expires_at <= $now ORDER BY expires_at LIMIT $limit)
        """;

    private readonly SerializedConnection _connection;
    private readonly TimeProvider _timeProvider;
    private int _additions;

    private SqliteSecurityEventReplayStore(SerializedConnection connection, TimeProvider timeProvider)
    {
        _connection = connection;
        _timeProvider = timeProvider;
    }

    /// <summary>The full path of the database file.</summary>
    public string Path => _connection.Path;

    /// <summary>Opens the store in the SQLite file at <paramref name="path"/>, creating the file and its tables if missing.</summary>
    /// <param name="path">The database file; a relative path is taken from the current directory.</param>
    /// <param name="timeProvider">The clock for expiry; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The open store; dispose it to close the file.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a SQLite database, or holds a schema version this library does not read.
    /// </exception>
    public static async Task<SqliteSecurityEventReplayStore> OpenAsync(string path, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var connection = await SerializedConnection.OpenAsync(path, fullSync: false, cancellationToken).ConfigureAwait(false);
        return new SqliteSecurityEventReplayStore(connection, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public ValueTask<bool> ContainsAsync(string issuer, string jwtId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(jwtId);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return _connection.RunAsync(
            (_, statements) => (long)statements.Get(Contains).Bind("$iss", issuer).Bind("$jti", jwtId).Bind("$now", now).ExecuteScalar()! != 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask AddAsync(string issuer, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(jwtId);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = expiresAt.ToUnixTimeMilliseconds();
        await _connection.RunAsync((_, statements) =>
        {
            statements.Get(Upsert).Bind("$iss", issuer).Bind("$jti", jwtId).Bind("$expires", expires).ExecuteNonQuery();
            if (++_additions % PurgeInterval == 0)
            {
                statements.Get(Purge).Bind("$now", now).Bind("$limit", PurgeBatch).ExecuteNonQuery();
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the file once the call in progress, if any, has finished.</summary>
    public void Dispose() => _connection.Dispose();

    /// <summary>Closes the file once the call in progress, if any, has finished.</summary>
    /// <returns>A task that completes once the file is closed.</returns>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
