using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Sqlite;

/// <summary>
/// With 100,000 SETs pending, every statement that runs per lease, settlement or enqueue finds its rows through an index
/// (SQLite's own query plan says so), so that its cost does not grow with the backlog.
/// </summary>
public class SqliteOutboxQueryPlanTests
{
    private const int Backlog = 100_000;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();
    private SqliteSecurityEventOutbox _outbox = null!;

    [OneTimeSetUp]
    public async Task FillAsync()
    {
        _outbox = await SqliteSecurityEventOutbox.OpenAsync(_database.NewPath(), new ManualTimeProvider(Start));
        for (var batch = 0; batch < Backlog / 10_000; batch++)
        {
            await _outbox.EnqueueAsync([.. Enumerable.Range(batch * 10_000, 10_000).Select(i =>
                new OutboxItem($"set-{i}", $"https://d{i % 10}.example/", i % 4 == 0 ? $"stream-{i % 100}" : null))]);
        }

        // The poll statements' indexes are made when a file first serves a poll stream.
        await _outbox.AcknowledgeAsync("no-such-stream", ["no-such-jti"]);
    }

    [OneTimeTearDown]
    public async Task DeleteAsync()
    {
        await _outbox.DisposeAsync();
        _database.Clear();
    }

    [TestCase(nameof(OutboxSql.Insert))]
    [TestCase(nameof(OutboxSql.SelectDue))]
    [TestCase(nameof(OutboxSql.Lease))]
    [TestCase(nameof(OutboxSql.TakeLeaseToken))]
    [TestCase(nameof(OutboxSql.Reschedule))]
    [TestCase(nameof(OutboxSql.Remove))]
    [TestCase(nameof(OutboxSql.RemoveDeliveredBatch))]
    [TestCase(nameof(OutboxSql.Promote))]
    [TestCase(nameof(OutboxSql.NextDue))]
    [TestCase(nameof(OutboxSql.InsertAttempt))]
    [TestCase(nameof(OutboxSql.DeleteAttempts))]
    [TestCase(nameof(OutboxSql.TakeDeadLetter))]
    public void Statement_HundredThousandPending_NeverScansPendingOrSortsIt(string statement)
    {
        var sql = (string)typeof(OutboxSql).GetField(statement)!.GetValue(null)!;

        var plan = Plan(sql);

        plan.Should().NotContain(line => line.Contains("SCAN outbox_pending"), "the statement must not read every pending SET:\n" + string.Join('\n', plan));
        plan.Should().NotContain(line => line.Contains("TEMP B-TREE"), "the statement must not sort the pending SETs:\n" + string.Join('\n', plan));
    }

    [TestCase(nameof(PollSql.SelectDue))]
    [TestCase(nameof(PollSql.SelectDueUnleased))]
    [TestCase(nameof(PollSql.RecordEndedOffers))]
    [TestCase(nameof(PollSql.Lease))]
    [TestCase(nameof(PollSql.MarkOffered))]
    [TestCase(nameof(PollSql.Acknowledge))]
    [TestCase(nameof(PollSql.Reject))]
    [TestCase(nameof(PollSql.DeleteAttempts))]
    public void PollStatement_HundredThousandPending_NeverScansPendingOrSortsIt(string statement)
    {
        var sql = (string)typeof(PollSql).GetField(statement)!.GetValue(null)!;

        var plan = Plan(sql);

        plan.Should().NotContain(line => line.Contains("SCAN outbox_pending"), "the statement must not read every pending SET:\n" + string.Join('\n', plan));
        plan.Should().NotContain(line => line.Contains("SCAN outbox_attempts"), "the statement must not read every attempt:\n" + string.Join('\n', plan));
        plan.Should().NotContain(line => line.Contains("TEMP B-TREE"), "the statement must not sort the pending SETs:\n" + string.Join('\n', plan));
    }

    [Test]
    public async Task LeaseAsync_HundredThousandPending_LeasesTheOldestAndSettles()
    {
        var leased = await _outbox.LeaseAsync(50, Start, TimeSpan.FromMinutes(1), new HashSet<string>(StringComparer.Ordinal) { "https://d0.example/" });

        leased.Should().HaveCount(50).And.OnlyContain(m => m.Destination != "https://d0.example/");
        leased.Select(m => m.Id).Should().BeInAscendingOrder();
        await _outbox.SettleAsync([.. leased.Select(m => OutboxSettlement.Release(m))]);
        (await _outbox.NextDueAsync()).Should().Be(Start);
        (await _outbox.GetStatisticsAsync()).Pending.Should().Be(Backlog);
    }

    private List<string> Plan(string sql)
    {
        using var connection = RawSqlite.Open(_outbox.Path);
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in Regex.Matches(sql, @"\$\w+").Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
