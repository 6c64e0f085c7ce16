using Microsoft.Data.Sqlite;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Sqlite;

namespace SecEvent.Cli.Commands;

/// <summary>The outbox <c>secevent push</c> works from: a SQLite file that survives crashes, or memory.</summary>
internal sealed class PushOutboxes : IAsyncDisposable
{
    private readonly SqliteSecurityEventOutbox? _file;

    private PushOutboxes(ISecurityEventOutbox store, SqliteSecurityEventOutbox? file)
    {
        Store = store;
        _file = file;
    }

    public ISecurityEventOutbox Store { get; }

    /// <summary>The file, or <see langword="null"/> in memory.</summary>
    public string? Path => _file?.Path;

    /// <summary>Opens (creating when missing) the outbox file, or an outbox in memory when <paramref name="path"/> is absent.</summary>
    /// <exception cref="CliUsageException">The file cannot be opened as an outbox.</exception>
    public static async Task<PushOutboxes> OpenAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return new PushOutboxes(new InMemorySecurityEventOutbox(TimeProvider.System), null);
        }

        try
        {
            // This run is the file's only user: leases stay in memory, and a crashed run's are gone when it is opened again.
            var file = await SqliteSecurityEventOutbox.OpenExclusiveAsync(path, TimeProvider.System, cancellationToken);
            return new PushOutboxes(file, file);
        }
        catch (Exception ex) when (ex is SqliteException or InvalidDataException || CliInput.IsFileProblem(ex))
        {
            throw new CliUsageException($"cannot open the outbox '{path}': {ex.Message}", ex);
        }
    }

    public ValueTask DisposeAsync() => _file?.DisposeAsync() ?? ValueTask.CompletedTask;
}
