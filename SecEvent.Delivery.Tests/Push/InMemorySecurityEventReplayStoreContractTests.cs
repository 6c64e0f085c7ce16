using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Sqlite;

namespace SecEvent.Delivery.Tests.Push;

public class InMemorySecurityEventReplayStoreContractTests : ReplayStoreContractTests
{
    protected override Task<ISecurityEventReplayStore> CreateAsync(TimeProvider time) => Task.FromResult<ISecurityEventReplayStore>(new InMemorySecurityEventReplayStore(time));
}
