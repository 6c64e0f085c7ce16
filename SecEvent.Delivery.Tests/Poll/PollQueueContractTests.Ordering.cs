using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Poll;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// Ordering keys on a poll stream: only the oldest pending SET of a key is offered, and the next one once the oldest is
/// acknowledged or rejected; a SET that leaves while it waits behind the head changes nothing for the head.
/// </summary>
public abstract partial class PollQueueContractTests
{
    [Test]
    public async Task LeaseStreamAsync_OrderingKey_OnlyTheOldestOfTheKeyIsOffered()
    {
        var ids = await EnqueueAsync(Item("a", StreamA, "k"), Item("b", StreamA, "k"), Item("free", StreamA));

        var lease = await LeaseAsync(StreamA);

        lease.Messages.Select(m => m.Id).Should().Equal(ids[0], ids[2]);
        lease.MoreAvailable.Should().BeFalse("b waits behind a and is not due");
    }

    [Test]
    public async Task AcknowledgeAsync_OrderingKeyHead_NextOfTheKeyOfferedInOrder()
    {
        var ids = await EnqueueAsync(Item("a", StreamA, "k"), Item("b", StreamA, "k"), Item("c", StreamA, "k"));
        var offered = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var head = (await LeaseAsync(StreamA)).Messages.Should().ContainSingle().Subject;
            offered.Add(head.Id);
            (await Queue.AcknowledgeAsync(StreamA, [head.Jti!])).Should().Be(1);
        }

        offered.Should().Equal(ids);
        (await LeaseAsync(StreamA)).Messages.Should().BeEmpty();
    }

    [Test]
    public async Task RejectAsync_OrderingKeyHead_NextOfTheKeyOffered()
    {
        var ids = await EnqueueAsync(Item("a", StreamA, "k"), Item("b", StreamA, "k"));
        await LeaseAsync(StreamA);

        await Queue.RejectAsync(StreamA, new Dictionary<string, PollSetError> { ["a"] = new("invalid_key", "x") }, Start);

        (await LeaseAsync(StreamA)).Messages.Select(m => m.Id).Should().Equal(ids[1]);
    }

    [Test]
    public async Task AcknowledgeAsync_WaitingBehindALeasedHead_RemovedAndTheHeadStaysLeased()
    {
        var ids = await EnqueueAsync(Item("a", StreamA, "k"), Item("b", StreamA, "k"), Item("c", StreamA, "k"));
        var head = (await LeaseAsync(StreamA)).Messages.Single();

        (await Queue.AcknowledgeAsync(StreamA, ["b"])).Should().Be(1);

        (await LeaseAsync(StreamA)).Messages.Should().BeEmpty("the head is still leased and c waits behind it");
        (await Queue.AcknowledgeAsync(StreamA, ["a"])).Should().Be(1);
        (await LeaseAsync(StreamA)).Messages.Select(m => m.Id).Should().Equal(ids[2]);
        head.Id.Should().Be(ids[0]);
    }

    [Test]
    public async Task RejectAsync_WaitingBehindALeasedHead_DeadLetteredAndTheHeadStaysLeased()
    {
        var ids = await EnqueueAsync(Item("a", StreamA, "k"), Item("b", StreamA, "k"));
        await LeaseAsync(StreamA);

        await Queue.RejectAsync(StreamA, new Dictionary<string, PollSetError> { ["b"] = new("invalid_key", "x") }, Start);

        (await LeaseAsync(StreamA)).Messages.Should().BeEmpty("the head is still leased");
        (await Queue.ListDeadLettersAsync(10)).Select(d => d.Id).Should().Equal(ids[1]);
    }

    [Test]
    public async Task AcknowledgeAsync_HeadAndNextTogether_TheOneAfterThemOffered()
    {
        var ids = await EnqueueAsync(Item("a", StreamA, "k"), Item("b", StreamA, "k"), Item("c", StreamA, "k"));
        await LeaseAsync(StreamA);

        (await Queue.AcknowledgeAsync(StreamA, ["b", "a"])).Should().Be(2);

        (await LeaseAsync(StreamA)).Messages.Select(m => m.Id).Should().Equal(ids[2]);
    }
}
