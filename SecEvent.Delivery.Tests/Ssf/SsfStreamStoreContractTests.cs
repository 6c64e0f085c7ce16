using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Support;
using static SecEvent.Delivery.Tests.Ssf.SsfStreamStoreKit;
using SecEvent.Tokens.Events;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>
/// What every <see cref="ISsfStreamStore"/> must do, run against each store by a subclass: streams bound to their
/// receiver, one stream per receiver when asked, subjects by equality in the order first added, held SETs in the order
/// held, and nothing left of a deleted stream.
/// </summary>
public abstract partial class SsfStreamStoreContractTests : StoreContractFixture<ISsfStreamStore>
{
    [Test]
    public async Task SSF_24_CreateAsync_NewStream_ReadBackWithEveryMember()
    {
        var stream = Stream("s1", status: SsfStreamStatuses.Paused);

        (await Store.CreateAsync(stream, onlyStreamOfReceiver: true)).Should().BeTrue();

        ShouldBeAsStored(await Store.GetAsync("s1"), stream);
        (await Store.GetAsync("s1"))!.Configuration.AdditionalMembers.Should().ContainKey("x_vendor");
    }

    [Test]
    public async Task SSF_24_CreateAsync_IdTaken_RefusedAndTheFirstKept()
    {
        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);

        (await Store.CreateAsync(Stream("s1", ReceiverB), onlyStreamOfReceiver: false)).Should().BeFalse();

        (await Store.GetAsync("s1"))!.ReceiverId.Should().Be(ReceiverA);
        (await Store.ListAsync(null)).Should().ContainSingle();
    }

    [Test]
    public async Task SSF_24_CreateAsync_OnlyStreamOfReceiver_SecondOfThatReceiverRefusedOthersAllowed()
    {
        (await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: true)).Should().BeTrue();

        (await Store.CreateAsync(Stream("s2"), onlyStreamOfReceiver: true)).Should().BeFalse("SSF-24 answers 409");
        (await Store.CreateAsync(Stream("s3", ReceiverB), onlyStreamOfReceiver: true)).Should().BeTrue();

        (await Store.GetAsync("s2")).Should().BeNull();
        (await Store.ListAsync(null)).Select(s => s.StreamId).Should().Equal("s1", "s3");
    }

    [Test]
    public async Task SSF_24_CreateAsync_SeveralStreamsAllowed_EachStored()
    {
        (await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false)).Should().BeTrue();
        (await Store.CreateAsync(Stream("s2"), onlyStreamOfReceiver: false)).Should().BeTrue();

        (await Store.ListAsync(ReceiverA)).Select(s => s.StreamId).Should().Equal("s1", "s2");
    }

    [Test]
    public async Task SSF_24_CreateAsync_ConcurrentOnlyStreamOfOneReceiver_ExactlyOneWins()
    {
        var creates = Enumerable.Range(0, 16).Select(i => Task.Run(async () => await Store.CreateAsync(Stream($"s{i}"), onlyStreamOfReceiver: true)));

        var won = await Task.WhenAll(creates);

        won.Count(w => w).Should().Be(1);
        (await Store.ListAsync(ReceiverA)).Should().ContainSingle();
    }

    [Test]
    public async Task SSF_22_ListAsync_Receiver_OnlyItsStreamsInCreationOrder()
    {
        foreach (var (id, receiver) in new[] { ("s3", ReceiverA), ("s1", ReceiverB), ("s2", ReceiverA) })
        {
            await Store.CreateAsync(Stream(id, receiver), onlyStreamOfReceiver: false);
        }

        (await Store.ListAsync(ReceiverA)).Select(s => s.StreamId).Should().Equal("s3", "s2");
        (await Store.ListAsync(ReceiverB)).Select(s => s.StreamId).Should().Equal("s1");
        (await Store.ListAsync("receiver-c")).Should().BeEmpty();
        (await Store.ListAsync(null)).Select(s => s.StreamId).Should().Equal("s3", "s1", "s2");
    }

    [Test]
    public async Task SSF_22_GetAsync_NoSuchStream_Null()
    {
        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);

        (await Store.GetAsync("s2")).Should().BeNull();
        (await Store.GetAsync("S1")).Should().BeNull("stream ids compare ordinally");
    }

    [Test]
    public async Task SSF_26_UpdateAsync_Stream_ReplacedInPlace()
    {
        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);
        await Store.CreateAsync(Stream("s2"), onlyStreamOfReceiver: false);
        var original = Stream("s1");
        var updated = original with
        {
            Configuration = new SsfStreamConfiguration
            {
                StreamId = "s1",
                Issuer = original.Configuration.Issuer,
                Audience = original.Configuration.Audience,
                EventsDelivered = [],
                Delivery = original.Configuration.Delivery,
                Description = "changed",
            },
            Status = SsfStreamStatuses.Disabled,
            Reason = "gone",
            LastActivityAt = Start.AddMinutes(9),
            LastVerificationRequestedAt = null,
        };

        (await Store.UpdateAsync(updated)).Should().BeTrue();

        ShouldBeAsStored(await Store.GetAsync("s1"), updated);
        (await Store.ListAsync(null)).Select(s => s.StreamId).Should().Equal("s1", "s2");
    }

    [Test]
    public async Task SSF_22_UpdateAsync_AnotherReceiver_RefusedAndUnchanged()
    {
        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);

        (await Store.UpdateAsync(Stream("s1", ReceiverB, SsfStreamStatuses.Disabled))).Should().BeFalse();

        ShouldBeAsStored(await Store.GetAsync("s1"), Stream("s1"));
    }

    [Test]
    public async Task SSF_26_UpdateAsync_NoSuchStream_FalseAndNothingStored()
    {
        (await Store.UpdateAsync(Stream("s1"))).Should().BeFalse();

        (await Store.ListAsync(null)).Should().BeEmpty();
    }

    [Test]
    public async Task SSF_23_Configuration_ChangedByAHolderAfterwards_StoredUnchanged()
    {
        var stream = Stream("s1");
        var expected = Json(stream);
        await Store.CreateAsync(stream, onlyStreamOfReceiver: false);

        stream.Configuration.AdditionalMembers!["x_other"] = JsonDocument.Parse("1").RootElement.Clone();
        var read = await Store.GetAsync("s1");
        read!.Configuration.AdditionalMembers!.Remove("x_vendor");
        read.Configuration.Delivery.AdditionalMembers = new Dictionary<string, JsonElement> { ["x"] = JsonDocument.Parse("2").RootElement.Clone() };
        (await Store.ListAsync(null))[0].Configuration.AdditionalMembers!.Clear();

        Json((await Store.GetAsync("s1"))!).Should().Be(expected);
        Json((await Store.ListAsync(ReceiverA))[0]).Should().Be(expected);
    }

    [Test]
    public async Task SSF_23_CreateAsync_StreamAStoreCannotKeep_ArgumentExceptionAndNothingStored()
    {
        var badConfiguration = Stream("s1") with
        {
            Configuration = new SsfStreamConfiguration
            {
                StreamId = "s1",
                Issuer = "https://tr.example.com",
                Audience = [],
                EventsDelivered = [],
                Delivery = new SsfDelivery { Method = SsfDeliveryMethods.Poll },
            },
        };

        await FluentActions.Awaiting(() => Store.CreateAsync(null!, false).AsTask()).Should().ThrowAsync<ArgumentNullException>();
        await FluentActions.Awaiting(() => Store.CreateAsync(Stream("s1", status: "stopped"), false).AsTask()).Should().ThrowAsync<ArgumentException>().WithMessage("*status*");
        await FluentActions.Awaiting(() => Store.CreateAsync(Stream("s1", receiver: ""), false).AsTask()).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => Store.CreateAsync(badConfiguration, false).AsTask()).Should().ThrowAsync<ArgumentException>().WithMessage("*aud*");
        await FluentActions.Awaiting(() => Store.UpdateAsync(badConfiguration).AsTask()).Should().ThrowAsync<ArgumentException>();

        (await Store.ListAsync(null)).Should().BeEmpty();
    }

    [Test]
    public async Task SSF_28_DeleteAsync_Stream_GoesWithItsSubjectsAndHeldSets()
    {
        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: true);
        await Store.CreateAsync(Stream("s2"), onlyStreamOfReceiver: false);
        await Store.AddSubjectAsync("s1", Subject("a@example.com"));
        await Store.AddSubjectAsync("s2", Subject("b@example.com"));
        await Store.HoldAsync("s1", [Held("j1")]);
        await Store.HoldAsync("s2", [Held("j2")]);

        (await Store.DeleteAsync("s1")).Should().BeTrue();

        (await Store.GetAsync("s1")).Should().BeNull();
        (await Store.DeleteAsync("s1")).Should().BeFalse();
        (await Store.ListSubjectsAsync("s1")).Should().BeEmpty();
        (await Store.ListHeldAsync("s1", 10)).Should().BeEmpty();
        (await Store.ListSubjectsAsync("s2")).Should().ContainSingle();
        (await Store.ListHeldAsync("s2", 10)).Should().ContainSingle();

        (await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false)).Should().BeTrue("the id is free again");
        (await Store.ListSubjectsAsync("s1")).Should().BeEmpty("a new stream of the same id starts with no subjects");
        (await Store.ListHeldAsync("s1", 10)).Should().BeEmpty();
    }

    [Test]
    public async Task SSF_24_DeleteAsync_OnlyStream_ReceiverMayCreateAgain()
    {
        await Store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: true);
        await Store.DeleteAsync("s1");

        (await Store.CreateAsync(Stream("s2"), onlyStreamOfReceiver: true)).Should().BeTrue();
    }
}
