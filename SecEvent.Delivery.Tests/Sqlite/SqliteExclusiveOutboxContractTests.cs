using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Tests.Outbox;

namespace SecEvent.Delivery.Tests.Sqlite;

/// <summary>The outbox contract, held by a SQLite outbox opened for one process, with its leases in memory.</summary>
public class SqliteExclusiveOutboxContractTests : OutboxContractTests
{
    protected override async Task<ISecurityEventOutbox> CreateAsync(TimeProvider time) => await SqliteSecurityEventOutbox.OpenExclusiveAsync(Files.NewPath(), time);
}
