using System.Net;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>
/// Stream status and ordering (SSF-29/31/38, the pause rule of §8.1.2.1): the stream-updated event goes out before the
/// stream stops, paused streams hold and release in order, disabled streams drop; plus <c>min_verification_interval</c>
/// and <c>inactivity_timeout</c>.
/// </summary>
[TestFixture]
public sealed class OIDSSFStreamStatusTest
{
    private static readonly EmailSubjectIdentifier Alice = new() { Email = "alice@example.com" };

    [Test]
    public async Task SSF_38_PauseIsAnnouncedBeforeTheStreamStops()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await PushStreamAboutAliceAsync(receiver);

        await PublishAsync(transmitter, "before");
        (await transmitter.Transmitter.SetStatusAsync(stream.StreamId, SsfStreamStatuses.Paused, "maintenance")).Should().BeTrue();
        var held = await PublishAsync(transmitter, "while-paused");
        await transmitter.DrainPushAsync();

        held.Held.Should().Be(1);
        Describe(receiver.Received).Should().Equal("txn:before", "updated:paused");
        var update = receiver.Received.Last().GetEvent<SsfStreamUpdatedEvent>()!;
        update.Reason.Should().Be("maintenance");
        receiver.Sink.GetLastKnownStatus(stream.StreamId)!.Status.Should().Be(SsfStreamStatuses.Paused);
        (await receiver.Client.GetStatusAsync(stream.StreamId)).Status.Should().Be(SsfStreamStatuses.Paused);
    }

    [Test]
    public async Task SSF_38_ReEnablingAnnouncesThenReleasesHeldSetsInPublishedOrder()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await PushStreamAboutAliceAsync(receiver);
        await transmitter.Transmitter.SetStatusAsync(stream.StreamId, SsfStreamStatuses.Paused);
        foreach (var n in Enumerable.Range(1, 5))
        {
            await PublishAsync(transmitter, $"held-{n}");
        }

        await transmitter.DrainPushAsync();
        Describe(receiver.Received).Should().Equal("updated:paused");

        await transmitter.Transmitter.SetStatusAsync(stream.StreamId, SsfStreamStatuses.Enabled);
        await PublishAsync(transmitter, "after");
        await transmitter.DrainPushAsync();

        Describe(receiver.Received).Should().Equal(
            "updated:paused", "updated:enabled", "txn:held-1", "txn:held-2", "txn:held-3", "txn:held-4", "txn:held-5", "txn:after");
        (await transmitter.Store.ListHeldAsync(stream.StreamId, 100)).Should().BeEmpty();
    }

    [Test]
    public async Task SSF_29_DisablingDropsHeldAndLaterSets()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await PushStreamAboutAliceAsync(receiver);
        await transmitter.Transmitter.SetStatusAsync(stream.StreamId, SsfStreamStatuses.Paused);
        await PublishAsync(transmitter, "held");

        await transmitter.Transmitter.SetStatusAsync(stream.StreamId, SsfStreamStatuses.Disabled);
        var dropped = await PublishAsync(transmitter, "while-disabled");
        await transmitter.Transmitter.SetStatusAsync(stream.StreamId, SsfStreamStatuses.Enabled);
        await transmitter.DrainPushAsync();

        dropped.Dropped.Should().Be(1);
        Describe(receiver.Received).Should().Equal("updated:paused", "updated:enabled");
    }

    [Test]
    public async Task SSF_38_PauseOfAPollStreamIsAnnouncedOnTheStream()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await receiver.Client.CreateStreamAsync(SsfReceiverHost.PollStream());
        await receiver.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = stream.StreamId, Subject = Alice });

        await PublishAsync(transmitter, "before");
        await transmitter.Transmitter.SetStatusAsync(stream.StreamId, SsfStreamStatuses.Disabled, "abuse");
        await PublishAsync(transmitter, "after");
        await receiver.PollAllAsync(stream);

        Describe(receiver.Received).Should().BeEquivalentTo(["txn:before", "updated:disabled"]);
        receiver.Sink.GetLastKnownStatus(stream.StreamId)!.Reason.Should().Be("abuse");
    }

    [Test]
    public async Task SSF_31_AReceiversOwnStatusChangeIsNotAnnouncedButStillHolds()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await PushStreamAboutAliceAsync(receiver);

        await receiver.Client.UpdateStatusAsync(new SsfStreamStatus { StreamId = stream.StreamId, Status = SsfStreamStatuses.Paused });
        await PublishAsync(transmitter, "held");
        await transmitter.DrainPushAsync();
        receiver.Received.Should().BeEmpty();

        await receiver.Client.UpdateStatusAsync(new SsfStreamStatus { StreamId = stream.StreamId, Status = SsfStreamStatuses.Enabled });
        await transmitter.DrainPushAsync();
        Describe(receiver.Received).Should().Equal("txn:held");
    }

    [Test]
    public async Task SSF_37_VerificationSoonerThanMinVerificationIntervalAnswers429WithRetryAfter()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        await using var transmitter = await SsfTransmitterHost.StartAsync(o => o.MinVerificationInterval = TimeSpan.FromSeconds(60), timeProvider: clock);
        var streamId = await transmitter.CreatePollStreamAsync(SsfTransmitterHost.ReceiverA);
        var body = $$"""{"stream_id":"{{streamId}}"}""";

        using (var first = await transmitter.SendAsync(HttpMethod.Post, SsfTransmitterHost.VerificationPath, SsfTransmitterHost.ReceiverA, body))
        {
            first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        clock.Advance(TimeSpan.FromSeconds(20));
        using (var second = await transmitter.SendAsync(HttpMethod.Post, SsfTransmitterHost.VerificationPath, SsfTransmitterHost.ReceiverA, body))
        {
            second.StatusCode.Should().Be((HttpStatusCode)429);
            second.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(40));
        }

        clock.Advance(TimeSpan.FromSeconds(40));
        using var third = await transmitter.SendAsync(HttpMethod.Post, SsfTransmitterHost.VerificationPath, SsfTransmitterHost.ReceiverA, body);
        third.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await transmitter.PollQueue.LeaseStreamAsync(streamId, 100, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1))).Messages.Should().HaveCount(2, "the refused request sent no event");
    }

    [Test]
    public async Task SSF_29_InactiveStreamsArePausedAndTheReceiverIsTold()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        await using var transmitter = await SsfTransmitterHost.StartAsync(o => o.InactivityTimeout = TimeSpan.FromMinutes(10), timeProvider: clock);
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var idle = await receiver.Client.CreateStreamAsync(receiver.PushStream());
        var busy = await receiver.Client.CreateStreamAsync(receiver.PushStream());
        idle.InactivityTimeout.Should().Be(600);

        clock.Advance(TimeSpan.FromMinutes(6));
        (await transmitter.Transmitter.PauseInactiveStreamsAsync()).Should().Be(0);
        await receiver.Client.GetStatusAsync(busy.StreamId);
        clock.Advance(TimeSpan.FromMinutes(5));
        (await transmitter.Transmitter.PauseInactiveStreamsAsync()).Should().Be(1);
        await transmitter.DrainPushAsync();

        var update = receiver.AboutStream(idle.StreamId).Should().ContainSingle().Subject.GetEvent<SsfStreamUpdatedEvent>()!;
        update.Status.Should().Be(SsfStreamStatuses.Paused);
        update.Reason.Should().Be("inactivity_timeout");
        receiver.AboutStream(busy.StreamId).Should().BeEmpty("reading its status was activity");
        (await receiver.Client.GetStatusAsync(busy.StreamId)).Status.Should().Be(SsfStreamStatuses.Enabled);
    }

    internal static async Task<SsfStreamConfiguration> PushStreamAboutAliceAsync(SsfReceiverHost receiver)
    {
        var stream = await receiver.Client.CreateStreamAsync(receiver.PushStream());
        await receiver.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = stream.StreamId, Subject = Alice });
        return stream;
    }

    internal static Task<SsfPublishResult> PublishAsync(SsfTransmitterHost transmitter, string transaction) =>
        transmitter.Transmitter.PublishAsync(new CaepSessionRevoked(), Alice, transaction);

    /// <summary>Each SET as <c>txn:…</c> for an event about a principal, <c>updated:status</c> for a stream-updated one.</summary>
    internal static IEnumerable<string> Describe(IEnumerable<SecurityEventToken> sets) =>
        sets.Select(t => t.GetEvent<SsfStreamUpdatedEvent>() is { } updated ? "updated:" + updated.Status : "txn:" + t.TransactionId);
}
