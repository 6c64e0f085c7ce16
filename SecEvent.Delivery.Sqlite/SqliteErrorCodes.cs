namespace SecEvent.Delivery.Sqlite;

/// <summary>SQLite's primary result codes that the stores tell apart (https://sqlite.org/rescode.html).</summary>
internal static class SqliteErrorCodes
{
    /// <summary><c>SQLITE_CORRUPT</c>: the database file is malformed.</summary>
    public const int Corrupt = 11;

    /// <summary><c>SQLITE_NOTADB</c>: the file is not a database.</summary>
    public const int NotADatabase = 26;
}
