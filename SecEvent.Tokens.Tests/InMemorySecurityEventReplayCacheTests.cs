using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests;

public class InMemorySecurityEventReplayCacheTests
{
    private const string Iss = "https://transmitter.example.com";

    private ManualTimeProvider _clock = null!;

    [SetUp]
    public void ResetClock() => _clock = new ManualTimeProvider(Some.Now);

    [Test]
    public async Task TryAddAsync_NewThenSame_TrueThenFalse()
    {
        var cache = NewCache(TimeSpan.FromMinutes(5));

        (await cache.TryAddAsync(Iss, "a", null, default)).Should().BeTrue();
        (await cache.TryAddAsync(Iss, "a", null, default)).Should().BeFalse();
        cache.Count.Should().Be(1);
    }

    [Test]
    public async Task TryAddAsync_KeyIsTheIssuerAndJtiPair_NotAConcatenation()
    {
        // ("a:b", "c") and ("a", "b:c") must not collide, whatever separator an implementation might use.
        var cache = NewCache(TimeSpan.FromMinutes(5));

        (await cache.TryAddAsync("a:b", "c", null, default)).Should().BeTrue();
        (await cache.TryAddAsync("a", "b:c", null, default)).Should().BeTrue();
        (await cache.TryAddAsync("a:b", "C", null, default)).Should().BeTrue();
    }

    [Test]
    public async Task TryAddAsync_AfterRetention_TrueAgain()
    {
        var cache = NewCache(TimeSpan.FromMinutes(5));
        await cache.TryAddAsync(Iss, "a", null, default);

        _clock.Advance(TimeSpan.FromMinutes(5));

        (await cache.TryAddAsync(Iss, "a", null, default)).Should().BeTrue();
        (await cache.TryAddAsync(Iss, "a", null, default)).Should().BeFalse();
    }

    [Test]
    public async Task TryAddAsync_ExpLaterThanRetention_KeptUntilExp()
    {
        var cache = NewCache(TimeSpan.FromMinutes(5));
        var exp = NumericDate.FromDateTimeOffset(Some.Now.AddHours(2));
        await cache.TryAddAsync(Iss, "a", exp, default);

        _clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        (await cache.TryAddAsync(Iss, "a", null, default)).Should().BeFalse();

        _clock.Advance(TimeSpan.FromSeconds(1));
        (await cache.TryAddAsync(Iss, "a", null, default)).Should().BeTrue();
    }

    [Test]
    public async Task TryAddAsync_ManyDistinctKeys_CountNeverExceedsCapacity()
    {
        var cache = NewCache(TimeSpan.FromHours(1), capacity: 50);

        for (var i = 0; i < 2_000; i++)
        {
            (await cache.TryAddAsync(Iss, $"jti-{i}", null, default)).Should().BeTrue();
            cache.Count.Should().BeLessThanOrEqualTo(50);
        }
    }

    [Test]
    public async Task TryAddAsync_CapacityOfOne_HoldsOneEntry()
    {
        var cache = NewCache(TimeSpan.FromHours(1), capacity: 1);

        for (var i = 0; i < 10; i++)
        {
            (await cache.TryAddAsync(Iss, $"jti-{i}", null, default)).Should().BeTrue();
            cache.Count.Should().Be(1);
        }
    }

    [Test]
    public async Task TryAddAsync_WhenFull_ExpiredEntriesGoBeforeLiveOnes()
    {
        var cache = NewCache(TimeSpan.FromMinutes(5), capacity: 4);
        await cache.TryAddAsync(Iss, "old-1", null, default);
        await cache.TryAddAsync(Iss, "old-2", null, default);
        _clock.Advance(TimeSpan.FromMinutes(10));
        await cache.TryAddAsync(Iss, "live-1", null, default);
        await cache.TryAddAsync(Iss, "live-2", null, default);

        (await cache.TryAddAsync(Iss, "new", null, default)).Should().BeTrue();

        cache.Count.Should().Be(3);
        (await cache.TryAddAsync(Iss, "live-1", null, default)).Should().BeFalse();
        (await cache.TryAddAsync(Iss, "live-2", null, default)).Should().BeFalse();
    }

    [Test]
    public async Task TryAddAsync_SameKeyFromManyTasks_ExactlyOneTrue()
    {
        var cache = NewCache(TimeSpan.FromHours(1));
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 64)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await cache.TryAddAsync(Iss, "same", null, default);
            }))
            .ToArray();

        start.Set();
        var results = await Task.WhenAll(tasks);

        results.Count(added => added).Should().Be(1);
        cache.Count.Should().Be(1);
    }

    [Test]
    public async Task TryAddAsync_ExpiredKeyTakenOverFromManyTasks_ExactlyOneTrue()
    {
        var cache = NewCache(TimeSpan.FromMinutes(1));
        await cache.TryAddAsync(Iss, "same", null, default);
        _clock.Advance(TimeSpan.FromMinutes(2));
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 64)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await cache.TryAddAsync(Iss, "same", null, default);
            }))
            .ToArray();

        start.Set();
        var results = await Task.WhenAll(tasks);

        results.Count(added => added).Should().Be(1);
    }

    [Test]
    public async Task TryAddAsync_ManyKeysFromManyTasks_EachAddedOnce()
    {
        var cache = NewCache(TimeSpan.FromHours(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 2_000)
            .Select(i => Task.Run(async () => await cache.TryAddAsync(Iss, $"jti-{i % 500}", null, default))));

        results.Count(added => added).Should().Be(500);
    }

    [Test]
    public void Constructor_NonPositiveRetentionOrCapacity_Throws()
    {
        FluentActions.Invoking(() => new InMemorySecurityEventReplayCache(TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new InMemorySecurityEventReplayCache(TimeSpan.FromMinutes(-1))).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new InMemorySecurityEventReplayCache(TimeSpan.FromMinutes(1), capacity: 0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task TryAddAsync_NullIssuerOrJti_ThrowsArgumentNull()
    {
        var cache = NewCache(TimeSpan.FromMinutes(1));

        await FluentActions.Awaiting(async () => await cache.TryAddAsync(null!, "a", null, default)).Should().ThrowAsync<ArgumentNullException>();
        await FluentActions.Awaiting(async () => await cache.TryAddAsync(Iss, null!, null, default)).Should().ThrowAsync<ArgumentNullException>();
    }

    private InMemorySecurityEventReplayCache NewCache(TimeSpan retention, int capacity = 100_000) =>
        new(retention, capacity, _clock);
}
