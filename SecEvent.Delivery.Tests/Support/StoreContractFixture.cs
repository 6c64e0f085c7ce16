using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Support;

/// <summary>
/// The base of a contract fixture that a subclass runs against one store: a new store on a clock the test moves by hand
/// for each test, disposed after it together with any files it kept in <see cref="Files"/>.
/// </summary>
public abstract class StoreContractFixture<TStore>
    where TStore : class
{
    protected static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected ManualTimeProvider Time { get; private set; } = null!;

    protected TStore Store { get; private set; } = null!;

    /// <summary>Where a durable store keeps its files; emptied after each test.</summary>
    protected TempDatabase Files { get; } = new();

    /// <summary>A new, empty store on <paramref name="time"/>.</summary>
    protected abstract Task<TStore> CreateAsync(TimeProvider time);

    [SetUp]
    public async Task CreateStoreAsync()
    {
        Time = new ManualTimeProvider(Start);
        Store = await CreateAsync(Time);
    }

    [TearDown]
    public async Task DisposeStoreAsync()
    {
        if (Store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        Files.Clear();
    }
}
