using SecEvent.Delivery.Outbox;

namespace SecEvent.Delivery.Tests.Outbox;

/// <summary>The outbox contract, held by the in-memory store.</summary>
public class InMemorySecurityEventOutboxContractTests : OutboxContractTests
{
    protected override Task<ISecurityEventOutbox> CreateAsync(TimeProvider time) => Task.FromResult<ISecurityEventOutbox>(new InMemorySecurityEventOutbox(time));
}
