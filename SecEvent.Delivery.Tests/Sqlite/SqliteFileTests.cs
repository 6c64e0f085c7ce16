using NUnit.Framework;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Sqlite;

/// <summary>The base of tests that open stores on a new file of their own, deleted after each test.</summary>
public abstract class SqliteFileTests
{
    protected static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _files = new();

    protected ManualTimeProvider Time { get; private set; } = null!;

    /// <summary>This test's database file, not created yet.</summary>
    protected string FilePath { get; private set; } = null!;

    [SetUp]
    public void NewFile()
    {
        Time = new ManualTimeProvider(Start);
        FilePath = _files.NewPath();
    }

    [TearDown]
    public void DeleteFiles() => _files.Clear();
}
