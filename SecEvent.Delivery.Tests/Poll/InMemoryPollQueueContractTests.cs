using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>The poll queue contract, held by the in-memory outbox.</summary>
public class InMemoryPollQueueContractTests : PollQueueContractTests
{
    protected override Task<ISecurityEventPollQueue> CreateAsync(TimeProvider time) => Task.FromResult<ISecurityEventPollQueue>(new InMemorySecurityEventOutbox(time));
}
