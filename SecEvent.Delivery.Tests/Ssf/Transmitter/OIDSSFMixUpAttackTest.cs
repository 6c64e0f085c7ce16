using System.Net;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>
/// Mix-up attacks from the formal analysis of SSF: one receiver reaching another's stream, audience or issuer, and
/// verification state (SSF-22, SSF-36/37). Operations on another's stream are covered for every endpoint in
/// <see cref="OIDSSFStreamControlErrorsTest"/>.
/// </summary>
[TestFixture]
public sealed class OIDSSFMixUpAttackTest
{
    private static readonly EmailSubjectIdentifier Alice = new() { Email = "alice@example.com" };

    [Test]
    public async Task SSF_22_BCannotPollAsStream()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var a = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await a.Client.CreateStreamAsync(SsfReceiverHost.PollStream());
        await a.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = stream.StreamId, Subject = Alice });
        await transmitter.Transmitter.PublishAsync(new CaepSessionRevoked(), Alice);
        var poll = new Uri(stream.Delivery.EndpointUrl!).PathAndQuery;

        using var asB = await transmitter.SendAsync(HttpMethod.Post, poll, SsfTransmitterHost.ReceiverB, """{"returnImmediately":true}""");
        using var noSsf = await transmitter.SendAsync(HttpMethod.Post, poll, SsfTransmitterHost.NoSsf, """{"returnImmediately":true}""");
        using var anonymous = await transmitter.SendAsync(HttpMethod.Post, poll, null, """{"returnImmediately":true}""");

        asB.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        JsonElement.Parse(await asB.Content.ReadAsStringAsync()).GetProperty("err").GetString().Should().Be("access_denied");
        noSsf.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await a.PollAsync(stream)).Accepted.Should().Be(1, "A's SET was not handed to B");
    }

    [Test]
    public async Task SSF_22_APushStreamCannotBePolled()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var a = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await a.Client.CreateStreamAsync(a.PushStream());

        using var response = await transmitter.SendAsync(HttpMethod.Post, SsfTransmitterHost.PollPathPrefix + stream.StreamId, SsfTransmitterHost.ReceiverA, """{"returnImmediately":true}""");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task SSF_22_BsStreamsAlwaysCarryBsAudience()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var b = await SsfReceiverHost.StartAsync(transmitter, SsfTransmitterHost.ReceiverB, SsfTransmitterHost.AudienceB);

        var created = await b.Client.CreateStreamAsync(SsfReceiverHost.PollStream());
        var replaced = await b.Client.ReplaceStreamAsync(new SsfStreamRequest { StreamId = created.StreamId, Delivery = created.Delivery, EventsRequested = [CaepEventTypes.SessionRevoked] });

        created.Audience.Should().Equal(SsfTransmitterHost.AudienceB);
        replaced.Value!.Audience.Should().Equal(SsfTransmitterHost.AudienceB);
        (await b.Client.GetStreamsAsync()).Should().OnlyContain(s => s.Audience.SequenceEqual(new[] { SsfTransmitterHost.AudienceB }));
    }

    [Test]
    public async Task SSF_22_BAddingAsSubjectGetsOnlyBAudienceSets()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var a = await SsfReceiverHost.StartAsync(transmitter);
        await using var b = await SsfReceiverHost.StartAsync(transmitter, SsfTransmitterHost.ReceiverB, SsfTransmitterHost.AudienceB);
        var streamA = await a.Client.CreateStreamAsync(a.PushStream());
        var streamB = await b.Client.CreateStreamAsync(SsfReceiverHost.PollStream());
        await a.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = streamA.StreamId, Subject = Alice });
        await b.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = streamB.StreamId, Subject = Alice });

        await transmitter.Transmitter.PublishAsync(new CaepSessionRevoked(), Alice);
        await transmitter.DrainPushAsync();
        var round = await b.PollAsync(streamB);

        round.Accepted.Should().Be(1);
        round.Rejected.Should().Be(0, "nothing addressed to A reached B's stream");
        b.Received.Should().ContainSingle().Which.Audiences.Should().Equal(SsfTransmitterHost.AudienceB);
        a.Received.Should().ContainSingle().Which.Audiences.Should().Equal(SsfTransmitterHost.AudienceA);
    }

    [TestCase("VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRl")]
    [TestCase("Ünïcödé state with spaces, \"quotes\" and a trailing space ")]
    [TestCase("AbC")]
    public async Task SSF_36_37_TheVerificationSetEchoesTheStateExactly(string state)
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var a = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await a.Client.CreateStreamAsync(SsfReceiverHost.PollStream());
        var poll = await QueuedAsync(transmitter, stream.StreamId, async () =>
            await a.Client.RequestVerificationAsync(new SsfVerificationRequest { StreamId = stream.StreamId, State = state }));

        var verification = poll.Should().ContainSingle().Subject.GetProperty("events").GetProperty(SecurityEventTypes.SsfVerification);

        verification.GetProperty("state").GetString().Should().Be(state);
        poll[0].GetProperty("sub_id").GetProperty("format").GetString().Should().Be("opaque");
        poll[0].GetProperty("sub_id").GetProperty("id").GetString().Should().Be(stream.StreamId);
    }

    [Test]
    public async Task SSF_37_TransmitterInitiatedVerificationHasNoState()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        var streamId = await transmitter.CreatePollStreamAsync(SsfTransmitterHost.ReceiverA);

        var poll = await QueuedAsync(transmitter, streamId, async () => (await transmitter.Transmitter.SendVerificationAsync(streamId)).Should().BeTrue());

        poll.Should().ContainSingle().Which.GetProperty("events").GetProperty(SecurityEventTypes.SsfVerification).TryGetProperty("state", out _).Should().BeFalse();
        (await transmitter.Transmitter.SendVerificationAsync("no-such-stream")).Should().BeFalse();
    }

    /// <summary>The payloads of the SETs <paramref name="act"/> queued on a poll stream.</summary>
    private static async Task<List<JsonElement>> QueuedAsync(SsfTransmitterHost transmitter, string streamId, Func<Task> act)
    {
        await act();
        var lease = await transmitter.PollQueue.LeaseStreamAsync(streamId, 100, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        return [.. lease.Messages.Select(m => JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(m.Set.Split('.')[1])).RootElement.Clone())];
    }
}
