using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Tests.Outbox;

namespace SecEvent.Delivery.Tests.Sqlite;

public class SqliteSecurityEventOutboxContractTests : OutboxContractTests
{
    protected override async Task<ISecurityEventOutbox> CreateAsync(TimeProvider time) => await SqliteSecurityEventOutbox.OpenAsync(Files.NewPath(), time);
}
