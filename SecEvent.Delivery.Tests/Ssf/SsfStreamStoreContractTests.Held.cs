using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using static SecEvent.Delivery.Tests.Ssf.SsfStreamStoreKit;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>The SETs held for a paused stream (SSF-30): in the order held, forgotten once released.</summary>
public abstract partial class SsfStreamStoreContractTests
{
    [Test]
    public async Task SSF_30_HoldAsync_Sets_ListedInTheOrderHeldWithIncreasingSequence()
    {
        await Store.CreateAsync(Stream("s1", status: "paused"), onlyStreamOfReceiver: false);

        (await Store.HoldAsync("s1", [Held("j1", sequence: 99), Held("j2", orderingKey: null)])).Should().BeTrue();
        await Store.HoldAsync("s1", [Held("j3", sequence: -5)]);

        var held = await Store.ListHeldAsync("s1", 10);
        held.Select(h => h.Jti).Should().Equal("j1", "j2", "j3");
        held.Select(h => h.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        held[0].Should().Be(Held("j1") with { Sequence = held[0].Sequence });
        held[1].OrderingKey.Should().BeNull();
    }

    [Test]
    public async Task SSF_30_ListHeldAsync_MaxCount_TheOldestThatMany()
    {
        await Store.CreateAsync(Stream("s1", status: "paused"), onlyStreamOfReceiver: false);
        await Store.HoldAsync("s1", [Held("j1"), Held("j2"), Held("j3")]);

        (await Store.ListHeldAsync("s1", 2)).Select(h => h.Jti).Should().Equal("j1", "j2");
        (await Store.ListHeldAsync("s1", 0)).Should().BeEmpty();
        await FluentActions.Awaiting(() => Store.ListHeldAsync("s1", -1).AsTask()).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task SSF_30_HoldAsync_NoSuchStream_FalseAndNothingHeld()
    {
        (await Store.HoldAsync("s1", [Held("j1")])).Should().BeFalse();

        await Store.CreateAsync(Stream("s1", status: "paused"), onlyStreamOfReceiver: false);
        (await Store.ListHeldAsync("s1", 10)).Should().BeEmpty();
    }

    [Test]
    public async Task SSF_30_HoldAsync_EventWithoutSetOrJti_ArgumentExceptionAndNothingHeld()
    {
        await Store.CreateAsync(Stream("s1", status: "paused"), onlyStreamOfReceiver: false);

        await FluentActions.Awaiting(() => Store.HoldAsync("s1", [Held("j1"), null!]).AsTask()).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => Store.HoldAsync("s1", [Held("j1"), Held("")]).AsTask()).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => Store.HoldAsync("s1", null!).AsTask()).Should().ThrowAsync<ArgumentNullException>();

        (await Store.ListHeldAsync("s1", 10)).Should().BeEmpty();
    }

    [Test]
    public async Task SSF_30_DeleteHeldAsync_ThroughSequence_ForgetsThoseAndKeepsTheRestInOrder()
    {
        await Store.CreateAsync(Stream("s1", status: "paused"), onlyStreamOfReceiver: false);
        await Store.HoldAsync("s1", [Held("j1"), Held("j2"), Held("j3")]);
        var held = await Store.ListHeldAsync("s1", 10);

        (await Store.DeleteHeldAsync("s1", held[1].Sequence)).Should().Be(2);
        await Store.HoldAsync("s1", [Held("j4")]);

        var rest = await Store.ListHeldAsync("s1", 10);
        rest.Select(h => h.Jti).Should().Equal("j3", "j4");
        rest[1].Sequence.Should().BeGreaterThan(rest[0].Sequence);
        (await Store.DeleteHeldAsync("s1", held[1].Sequence)).Should().Be(0);
        (await Store.DeleteHeldAsync("s2", long.MaxValue)).Should().Be(0);
    }

    [Test]
    public async Task SSF_30_HoldAsync_TwoStreams_KeptApart()
    {
        await Store.CreateAsync(Stream("s1", status: "paused"), onlyStreamOfReceiver: false);
        await Store.CreateAsync(Stream("s2", status: "paused"), onlyStreamOfReceiver: false);
        await Store.HoldAsync("s1", [Held("a1")]);
        await Store.HoldAsync("s2", [Held("b1")]);
        await Store.HoldAsync("s1", [Held("a2")]);

        (await Store.DeleteHeldAsync("s2", long.MaxValue)).Should().Be(1);

        (await Store.ListHeldAsync("s1", 10)).Select(h => h.Jti).Should().Equal("a1", "a2");
        (await Store.ListHeldAsync("s2", 10)).Should().BeEmpty();
    }
}
