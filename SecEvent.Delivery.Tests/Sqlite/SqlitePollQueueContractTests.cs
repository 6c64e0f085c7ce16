using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Tests.Poll;

namespace SecEvent.Delivery.Tests.Sqlite;

/// <summary>The poll queue contract, held by a SQLite outbox opened in shared mode, its leases written to the file.</summary>
public class SqlitePollQueueContractTests : PollQueueContractTests
{
    protected override async Task<ISecurityEventPollQueue> CreateAsync(TimeProvider time) => await SqliteSecurityEventOutbox.OpenAsync(Files.NewPath(), time);
}
