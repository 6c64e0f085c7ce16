using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>The stream control happy path end to end, once on <see cref="InMemorySsfStreamStore"/> and once on a SQLite file.</summary>
[TestFixture(false)]
[TestFixture(true)]
public sealed class OIDSSFStreamStoresTest(bool sqlite)
{
    private readonly TempDatabase _files = new();

    [TearDown]
    public void Clear() => _files.Clear();

    [Test]
    public async Task SSF_24_to_38_HappyPathOnTheStore()
    {
        var store = sqlite ? (ISsfStreamStore)await SqliteSsfStreamStore.OpenAsync(_files.NewPath()) : new InMemorySsfStreamStore();
        await using (var transmitter = await SsfTransmitterHost.StartAsync(store: store))
        await using (var receiver = await SsfReceiverHost.StartAsync(transmitter))
        {
            var push = await receiver.Client.CreateStreamAsync(receiver.PushStream() with { Description = "push" });
            var poll = await receiver.Client.CreateStreamAsync(new SsfStreamRequest { EventsRequested = SsfTransmitterHost.EventsSupported });
            (await receiver.Client.GetStreamsAsync()).Should().HaveCount(2);
            (await receiver.Client.UpdateStreamAsync(new SsfStreamRequest { StreamId = push.StreamId, EventsRequested = [Tokens.Events.Caep.CaepEventTypes.SessionRevoked] }))
                .Value!.Description.Should().Be("push");
            (await receiver.Client.GetStreamAsync(push.StreamId)).EventsDelivered.Should().Equal(Tokens.Events.Caep.CaepEventTypes.SessionRevoked);
            await receiver.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = push.StreamId, Subject = new EmailSubjectIdentifier { Email = "alice@example.com" } });
            await receiver.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = poll.StreamId, Subject = new EmailSubjectIdentifier { Email = "alice@example.com" } });

            await receiver.Sink.VerifyAsync(push.StreamId, async (request, ct) =>
            {
                await receiver.Client.RequestVerificationAsync(request, ct);
                await transmitter.DrainPushAsync();
            }, TimeSpan.FromSeconds(30));
            await receiver.Sink.VerifyAsync(poll.StreamId, async (request, ct) =>
            {
                await receiver.Client.RequestVerificationAsync(request, ct);
                await receiver.PollAsync(poll);
            }, TimeSpan.FromSeconds(30));

            await transmitter.Transmitter.SetStatusAsync(push.StreamId, SsfStreamStatuses.Paused);
            await OIDSSFStreamStatusTest.PublishAsync(transmitter, "held-1");
            await OIDSSFStreamStatusTest.PublishAsync(transmitter, "held-2");
            await transmitter.Transmitter.SetStatusAsync(push.StreamId, SsfStreamStatuses.Enabled);
            await transmitter.DrainPushAsync();
            (await receiver.PollAllAsync(poll)).Should().Be(2);

            OIDSSFStreamStatusTest.Describe(receiver.Received.Where(t => t.Audiences.Count > 0 && t.GetEvent<SsfVerificationEvent>() is null))
                .Should().Equal("updated:paused", "updated:enabled", "txn:held-1", "txn:held-2", "txn:held-1", "txn:held-2");
            (await receiver.Client.DeleteStreamAsync(push.StreamId)).Should().Be(204);
            (await receiver.Client.DeleteStreamAsync(poll.StreamId)).Should().Be(204);
            (await receiver.Client.GetStreamsAsync()).Should().BeEmpty();
        }
    }
}
