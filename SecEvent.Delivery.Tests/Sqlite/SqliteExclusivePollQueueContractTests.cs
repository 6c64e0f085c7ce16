using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Tests.Poll;

namespace SecEvent.Delivery.Tests.Sqlite;

/// <summary>The poll queue contract, held by a SQLite outbox opened for one process, with its leases in memory.</summary>
public class SqliteExclusivePollQueueContractTests : PollQueueContractTests
{
    protected override async Task<ISecurityEventPollQueue> CreateAsync(TimeProvider time) => await SqliteSecurityEventOutbox.OpenExclusiveAsync(Files.NewPath(), time);
}
