using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Events.Caep;

namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>
/// The conformance suite's stream control happy path, driven by the library's own receiver side
/// (<see cref="SsfStreamClient"/>, <see cref="SsfStreamEventSink"/>) against the transmitter on Kestrel.
/// </summary>
[TestFixture]
public sealed class OIDSSFStreamControlHappyPathTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task SSF_24_CreatePushStreamAnswers201WithTheFullConfiguration()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);

        var stream = await receiver.Client.CreateStreamAsync(receiver.PushStream(null, CaepEventTypes.SessionRevoked, "https://example.com/unknown"));

        stream.StreamId.Should().NotBeNullOrEmpty();
        stream.Issuer.Should().Be(transmitter.Issuer);
        stream.Audience.Should().Equal(SsfTransmitterHost.AudienceA);
        stream.Delivery.Method.Should().Be(SsfDeliveryMethods.Push);
        stream.Delivery.EndpointUrl.Should().Be(receiver.PushUrl.AbsoluteUri);
        stream.EventsSupported.Should().BeEquivalentTo(SsfTransmitterHost.EventsSupported);
        stream.EventsRequested.Should().Equal(CaepEventTypes.SessionRevoked, "https://example.com/unknown");
        stream.EventsDelivered.Should().Equal(new[] { CaepEventTypes.SessionRevoked }, "events_delivered is events_supported ∩ events_requested");
    }

    [Test]
    public async Task SSF_24_CreateWithoutDeliveryAssumesPollAndFillsInTheEndpoint()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);

        var stream = await receiver.Client.CreateStreamAsync(new SsfStreamRequest { EventsRequested = [CaepEventTypes.CredentialChange] });
        var explicitPoll = await receiver.Client.CreateStreamAsync(SsfReceiverHost.PollStream());

        stream.Delivery.Method.Should().Be(SsfDeliveryMethods.Poll);
        stream.Delivery.EndpointUrl.Should().Be(transmitter.Issuer + SsfTransmitterHost.PollPathPrefix + stream.StreamId);
        explicitPoll.Delivery.EndpointUrl.Should().Be(transmitter.Issuer + SsfTransmitterHost.PollPathPrefix + explicitPoll.StreamId, "SSF-17: unique per stream");
        stream.EventsDelivered.Should().Equal(CaepEventTypes.CredentialChange);
    }

    [Test]
    public async Task SSF_25_ReadOneAndReadAll()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        (await receiver.Client.GetStreamsAsync()).Should().BeEmpty("no streams is an empty array");

        var push = await receiver.Client.CreateStreamAsync(receiver.PushStream());
        (await receiver.Client.GetStreamsAsync()).Select(s => s.StreamId).Should().Equal(push.StreamId);
        var poll = await receiver.Client.CreateStreamAsync(SsfReceiverHost.PollStream());

        var one = await receiver.Client.GetStreamAsync(push.StreamId);
        var all = await receiver.Client.GetStreamsAsync();

        one.ToUtf8Json().Should().Equal(push.ToUtf8Json());
        all.Select(s => s.StreamId).Should().BeEquivalentTo([push.StreamId, poll.StreamId]);
        using var raw = await transmitter.SendAsync(HttpMethod.Get, SsfTransmitterHost.ConfigurationPath, SsfTransmitterHost.ReceiverA);
        System.Text.Json.JsonElement.Parse(await raw.Content.ReadAsStringAsync()).ValueKind.Should().Be(System.Text.Json.JsonValueKind.Array);
    }

    [Test]
    public async Task SSF_26_UpdateAppliesPresentFieldsAndLeavesAbsentOnes()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var created = await receiver.Client.CreateStreamAsync(receiver.PushStream() with { Description = "first" });

        var updated = await receiver.Client.UpdateStreamAsync(new SsfStreamRequest { StreamId = created.StreamId, EventsRequested = [CaepEventTypes.SessionRevoked] });

        updated.IsPending.Should().BeFalse();
        updated.Value!.Description.Should().Be("first", "absent receiver-supplied fields do not change");
        updated.Value.Delivery.EndpointUrl.Should().Be(receiver.PushUrl.AbsoluteUri);
        updated.Value.EventsDelivered.Should().Equal(CaepEventTypes.SessionRevoked);
        (await receiver.Client.GetStreamAsync(created.StreamId)).Description.Should().Be("first");
    }

    [Test]
    public async Task SSF_27_ReplaceDeletesAbsentFields()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var created = await receiver.Client.CreateStreamAsync(receiver.PushStream() with { Description = "first" });

        var replaced = await receiver.Client.ReplaceStreamAsync(new SsfStreamRequest
        {
            StreamId = created.StreamId,
            Delivery = created.Delivery,
            EventsRequested = [CaepEventTypes.CredentialChange],
        });

        replaced.Value!.Description.Should().BeNull("PUT reads a missing receiver-supplied field as a deletion");
        replaced.Value.EventsDelivered.Should().Equal(CaepEventTypes.CredentialChange);
        (await receiver.Client.GetStreamAsync(created.StreamId)).Description.Should().BeNull();
    }

    [Test]
    public async Task SSF_30_31_StatusReadAndUpdate()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await receiver.Client.CreateStreamAsync(receiver.PushStream());

        (await receiver.Client.GetStatusAsync(stream.StreamId)).Status.Should().Be(SsfStreamStatuses.Enabled);
        var paused = await receiver.Client.UpdateStatusAsync(new SsfStreamStatus { StreamId = stream.StreamId, Status = SsfStreamStatuses.Paused, Reason = "maintenance" });

        paused.Value!.Status.Should().Be(SsfStreamStatuses.Paused);
        paused.Value.Reason.Should().Be("maintenance");
        var read = await receiver.Client.GetStatusAsync(stream.StreamId);
        read.Status.Should().Be(SsfStreamStatuses.Paused);
        read.Reason.Should().Be("maintenance");
    }

    [Test]
    public async Task SSF_36_37_VerificationOverPushEchoesTheState()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await receiver.Client.CreateStreamAsync(receiver.PushStream());

        var set = await receiver.Sink.VerifyAsync(stream.StreamId, async (request, ct) =>
        {
            await receiver.Client.RequestVerificationAsync(request, ct);
            await transmitter.DrainPushAsync();
        }, Patience);

        set.Issuer.Should().Be(transmitter.Issuer);
        set.Audiences.Should().Equal(SsfTransmitterHost.AudienceA);
        set.GetEvent<SsfVerificationEvent>()!.State.Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task SSF_36_37_VerificationOverPollEchoesTheState()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await receiver.Client.CreateStreamAsync(SsfReceiverHost.PollStream());

        var set = await receiver.Sink.VerifyAsync(stream.StreamId, async (request, ct) =>
        {
            await receiver.Client.RequestVerificationAsync(request, ct);
            (await receiver.PollAsync(stream)).Accepted.Should().Be(1);
        }, Patience);

        set.SubjectId.Should().Be(new Tokens.Subjects.OpaqueSubjectIdentifier { Id = stream.StreamId });
    }

    [Test]
    public async Task SSF_28_DeleteAnswers204AndTheStreamIsGone()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await receiver.Client.CreateStreamAsync(receiver.PushStream());

        (await receiver.Client.DeleteStreamAsync(stream.StreamId)).Should().Be(204);

        (await receiver.Client.GetStreamsAsync()).Should().BeEmpty();
        var read = () => receiver.Client.GetStreamAsync(stream.StreamId);
        (await read.Should().ThrowAsync<SsfStreamException>()).Which.StatusCode.Should().Be(404);
    }
}
