using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Push;

public class InMemorySecurityEventReplayStoreTests
{
    [Test]
    public async Task ContainsAsync_AddedPair_TrueUntilExpiry()
    {
        var clock = PushSets.Clock();
        var store = new InMemorySecurityEventReplayStore(clock);
        await store.AddAsync("iss", "jti", clock.Now.AddMinutes(10), default);

        (await store.ContainsAsync("iss", "jti", default)).Should().BeTrue();
        (await store.ContainsAsync("iss", "other", default)).Should().BeFalse();
        (await store.ContainsAsync("other", "jti", default)).Should().BeFalse();
        clock.Advance(TimeSpan.FromMinutes(10));
        (await store.ContainsAsync("iss", "jti", default)).Should().BeFalse();
    }

    [Test]
    public async Task ContainsAsync_PairsAreCaseSensitive()
    {
        var store = new InMemorySecurityEventReplayStore(PushSets.Clock());
        await store.AddAsync("iss", "JTI", PushSets.Now.AddHours(1), default);

        (await store.ContainsAsync("iss", "jti", default)).Should().BeFalse();
    }

    [Test]
    public async Task AddAsync_Full_DropsExpiredFirst()
    {
        var clock = PushSets.Clock();
        var store = new InMemorySecurityEventReplayStore(clock, capacity: 3);
        await store.AddAsync("i", "short", clock.Now.AddMinutes(1), default);
        await store.AddAsync("i", "a", clock.Now.AddHours(1), default);
        await store.AddAsync("i", "b", clock.Now.AddHours(1), default);
        clock.Advance(TimeSpan.FromMinutes(2));

        await store.AddAsync("i", "c", clock.Now.AddHours(1), default);

        store.Count.Should().Be(3);
        (await store.ContainsAsync("i", "a", default)).Should().BeTrue();
        (await store.ContainsAsync("i", "c", default)).Should().BeTrue();
    }

    [Test]
    public async Task AddAsync_FullOfLiveEntries_DropsOldestAndStaysBounded()
    {
        var store = new InMemorySecurityEventReplayStore(PushSets.Clock(), capacity: 100);
        for (var i = 0; i < 1000; i++)
        {
            await store.AddAsync("i", $"j{i}", PushSets.Now.AddHours(1), default);
        }

        store.Count.Should().Be(100);
        (await store.ContainsAsync("i", "j0", default)).Should().BeFalse();
        (await store.ContainsAsync("i", "j999", default)).Should().BeTrue();
    }

    [Test]
    public async Task AddAsync_ExistingPair_ExtendsExpiry()
    {
        var clock = PushSets.Clock();
        var store = new InMemorySecurityEventReplayStore(clock);
        await store.AddAsync("i", "j", clock.Now.AddMinutes(1), default);
        await store.AddAsync("i", "j", clock.Now.AddMinutes(5), default);

        clock.Advance(TimeSpan.FromMinutes(2));

        (await store.ContainsAsync("i", "j", default)).Should().BeTrue();
        store.Count.Should().Be(1);
    }

    [Test]
    public async Task Methods_CancelledToken_Throw()
    {
        var store = new InMemorySecurityEventReplayStore(PushSets.Clock());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await store.Invoking(s => s.AddAsync("i", "j", PushSets.Now.AddHours(1), cts.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
        await store.Invoking(s => s.ContainsAsync("i", "j", cts.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public void Constructor_CapacityBelowOne_Throws()
    {
        var create = () => new InMemorySecurityEventReplayStore(capacity: 0);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }
}
