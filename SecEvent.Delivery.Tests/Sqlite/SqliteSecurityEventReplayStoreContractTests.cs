using SecEvent.Delivery.Push;
using SecEvent.Delivery.Sqlite;

namespace SecEvent.Delivery.Tests.Sqlite;

public class SqliteSecurityEventReplayStoreContractTests : ReplayStoreContractTests
{
    protected override async Task<ISecurityEventReplayStore> CreateAsync(TimeProvider time) => await SqliteSecurityEventReplayStore.OpenAsync(Files.NewPath(), time);
}
