using Microsoft.Data.Sqlite;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Sqlite;

namespace SecEvent.Cli.Commands;

/// <summary>What <c>secevent poll</c> remembers of the SETs it printed: a SQLite file that survives restarts, or memory.</summary>
internal sealed class PollState : IAsyncDisposable
{
    private readonly SqliteSecurityEventReplayStore? _file;

    private PollState(SqliteSecurityEventReplayStore? file) => _file = file;

    /// <summary>The file's replay store, or <see langword="null"/> for the poll client's own in memory.</summary>
    public ISecurityEventReplayStore? Store => _file;

    /// <summary>Opens (creating when missing) the state file, or nothing when <paramref name="path"/> is absent.</summary>
    /// <exception cref="CliUsageException">The file cannot be opened as a replay store.</exception>
    public static async Task<PollState> OpenAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return new PollState(null);
        }

        try
        {
            return new PollState(await SqliteSecurityEventReplayStore.OpenAsync(path, TimeProvider.System, cancellationToken));
        }
        catch (Exception ex) when (ex is SqliteException or InvalidDataException || CliInput.IsFileProblem(ex))
        {
            throw new CliUsageException($"cannot open the state file '{path}': {ex.Message}", ex);
        }
    }

    public ValueTask DisposeAsync() => _file?.DisposeAsync() ?? ValueTask.CompletedTask;
}
