using Microsoft.Data.Sqlite;

namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// Commands made once per call and run once per row: Microsoft.Data.Sqlite keeps a command's prepared statement while
/// its text is unchanged, so a batch pays for parsing once.
/// </summary>
internal static class SqliteCommandExtensions
{
    /// <summary>A command in <paramref name="transaction"/>.</summary>
    public static SqliteCommand Command(this SqliteConnection connection, string text, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Sets parameter <paramref name="name"/>, adding it the first time; <see langword="null"/> binds SQL NULL.</summary>
    public static SqliteCommand Bind(this SqliteCommand command, string name, object? value)
    {
        var index = command.Parameters.IndexOf(name);
        if (index < 0)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        else
        {
            command.Parameters[index].Value = value ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>A column that may be NULL.</summary>
    public static string? GetStringOrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A Unix-milliseconds column as a UTC time.</summary>
    public static DateTimeOffset GetTime(this SqliteDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
