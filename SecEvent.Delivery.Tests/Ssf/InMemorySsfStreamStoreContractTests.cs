using SecEvent.Delivery.Ssf;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>The stream store contract, held by the in-memory store.</summary>
public class InMemorySsfStreamStoreContractTests : SsfStreamStoreContractTests
{
    protected override Task<ISsfStreamStore> CreateAsync(TimeProvider time) => Task.FromResult<ISsfStreamStore>(new InMemorySsfStreamStore());
}
