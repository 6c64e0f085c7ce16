using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>SSF-16: a push stream without <c>authorization_header</c> pushes without one; with one, every push carries it.</summary>
[TestFixture]
public sealed class OIDSSFTransmitterPushNoAuthTest
{
    private static readonly EmailSubjectIdentifier Alice = new() { Email = "alice@example.com" };

    [TestCase(null)]
    [TestCase("Bearer push-credential-for-a")]
    public async Task SSF_16_PushesCarryTheStreamsAuthorizationHeaderOrNone(string? authorization)
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await receiver.Client.CreateStreamAsync(receiver.PushStream(authorization));
        await receiver.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = stream.StreamId, Subject = Alice });

        await transmitter.Transmitter.PublishAsync(new CaepSessionRevoked(), Alice);
        await transmitter.Transmitter.PublishAsync(new CaepSessionRevoked(), Alice);
        await transmitter.Transmitter.SendVerificationAsync(stream.StreamId);
        await transmitter.DrainPushAsync();

        receiver.PushAuthorizations.Should().HaveCount(3).And.OnlyContain(header => header == authorization);
        receiver.Received.Should().HaveCount(3);
    }
}
