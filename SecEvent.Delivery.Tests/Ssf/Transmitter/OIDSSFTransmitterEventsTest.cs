using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>
/// The conformance suite's transmitter events module: a published CAEP event reaches a push stream and a poll stream,
/// each SET carrying that stream's <c>aud</c>, validated by the receiver with the SSF profile and the keys at <c>/jwks</c>.
/// </summary>
[TestFixture]
public sealed class OIDSSFTransmitterEventsTest
{
    private static readonly EmailSubjectIdentifier Alice = new() { Email = "alice@example.com" };

    [Test]
    public async Task SSF_01_08_SessionRevokedReachesAPushAndAPollStream()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var a = await SsfReceiverHost.StartAsync(transmitter);
        await using var b = await SsfReceiverHost.StartAsync(transmitter, SsfTransmitterHost.ReceiverB, SsfTransmitterHost.AudienceB);
        var push = await a.Client.CreateStreamAsync(a.PushStream());
        var poll = await b.Client.CreateStreamAsync(SsfReceiverHost.PollStream());
        await a.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = push.StreamId, Subject = Alice });
        await b.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = poll.StreamId, Subject = Alice });

        var published = await transmitter.Transmitter.PublishAsync(new CaepSessionRevoked { EventTimestamp = NumericDate.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)) }, Alice, "txn-1");
        await transmitter.DrainPushAsync();
        (await b.PollAsync(poll)).Accepted.Should().Be(1);

        published.Queued.Should().Be(2);
        var pushed = a.Received.Should().ContainSingle().Subject;
        var polled = b.Received.Should().ContainSingle().Subject;
        foreach (var (set, audience) in new[] { (pushed, SsfTransmitterHost.AudienceA), (polled, SsfTransmitterHost.AudienceB) })
        {
            set.Issuer.Should().Be(transmitter.Issuer);
            set.Audiences.Should().Equal(audience);
            set.SubjectId.Should().Be(Alice);
            set.Subject.Should().BeNull("SSF SETs carry sub_id, never sub");
            set.Type.Should().Be("secevent+jwt");
            set.Algorithm.Should().Be("ES256");
            set.KeyId.Should().Be(transmitter.Key.KeyId);
            set.TransactionId.Should().Be("txn-1");
            set.Expiration.Should().BeNull();
            set.Events.Should().ContainSingle().Which.Should().BeOfType<CaepSessionRevoked>();
        }

        pushed.JwtId.Should().NotBe(polled.JwtId, "each stream gets its own SET");
    }

    [Test]
    public async Task SSF_24_EventsNotDeliveredOnTheStreamAreNotSent()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var a = await SsfReceiverHost.StartAsync(transmitter);
        var push = await a.Client.CreateStreamAsync(a.PushStream(null, CaepEventTypes.CredentialChange));
        await a.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = push.StreamId, Subject = Alice });

        (await transmitter.Transmitter.PublishAsync(new CaepSessionRevoked(), Alice)).Queued.Should().Be(0);
    }
}
