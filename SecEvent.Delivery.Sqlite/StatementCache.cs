using Microsoft.Data.Sqlite;

namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// The prepared statements of one connection, kept for its lifetime: preparing a statement costs more than running it on
/// a few rows, and the hot calls (lease, settle, enqueue, replay checks) run the same few texts over and over. Used only
/// under the connection's gate. A command taken from here is never disposed by its user.
/// </summary>
internal sealed class StatementCache(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="text"/>, prepared on first use, in <paramref name="transaction"/> now.</summary>
    public SqliteCommand Get(string text, SqliteTransaction? transaction = null)
    {
        if (!_commands.TryGetValue(text, out var command))
        {
            command = connection.Command(text);
            _commands.Add(text, command);
        }

        command.Transaction = transaction;
        return command;
    }

    /// <summary>Finalizes every statement, before the connection closes.</summary>
    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
