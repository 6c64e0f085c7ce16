using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Ssf;

namespace SecEvent.Delivery.Tests.Sqlite;

/// <summary>The stream store contract, held by a SQLite file.</summary>
public class SqliteSsfStreamStoreContractTests : SsfStreamStoreContractTests
{
    protected override async Task<ISsfStreamStore> CreateAsync(TimeProvider time) => await SqliteSsfStreamStore.OpenAsync(Files.NewPath());
}
