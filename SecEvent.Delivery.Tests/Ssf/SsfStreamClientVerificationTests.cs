using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Events;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>
/// The whole verification round trip (OpenID SSF 1.0 §8.1.4): the stream client asks the Kestrel transmitter for a
/// verification, which answers 204 and then pushes the verification SET to our push receiver, whose
/// <see cref="SsfStreamEventSink"/> matches it to the waiting <see cref="SsfStreamEventSink.VerifyAsync"/>.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SsfStreamClientVerificationTests
{
    [Test]
    public async Task SSF_36_37_VerifyAsync_ThroughTheStreamClient_StateEchoedAfterThe204_Verified()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.AfterAnswer = request => request.Target == "/ssf/verify" ? receiver.PushAsync(Echo(request, tamper: false)) : Task.CompletedTask;
        var client = await h.ClientAsync();

        var token = await receiver.Sink.VerifyAsync(SsfTransmitterStub.FigureStreamId, client.RequestVerificationAsync, SsfStreamEventTestKit.Patience);

        var sent = JsonNode.Parse(h.Stub.Management().Single().Body)!;
        token.Events.Should().ContainSingle().Which.Should().BeOfType<SsfVerificationEvent>().Which.State.Should().Be(sent["state"]!.GetValue<string>());
        sent["state"]!.GetValue<string>().Should().HaveLength(43, "32 random bytes, base64url");
        receiver.Inner.Accepted.Should().ContainSingle();
        await PushedAsync(receiver);
        receiver.Pushes.Should().ContainSingle().Which.Status.Should().Be(202, "the receiver answers the transmitter's push once the sink has the SET");
        h.Stub.AfterAnswerFailures.Should().BeEmpty();
    }

    [Test]
    public async Task SSF_36_VerifyAsync_ThroughTheStreamClient_WrongStateEchoed_InvalidStateAndTimeout()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.AfterAnswer = request => request.Target == "/ssf/verify" ? receiver.PushAsync(Echo(request, tamper: true)) : Task.CompletedTask;
        var client = await h.ClientAsync();

        var verify = () => receiver.Sink.VerifyAsync(SsfTransmitterStub.FigureStreamId, client.RequestVerificationAsync, SsfStreamEventTestKit.ShortTimeout);

        await verify.Should().ThrowAsync<TimeoutException>();
        await PushedAsync(receiver);
        receiver.Pushes.Should().ContainSingle().Which.Should().Match<PushObservation>(p => p.Status == 400 && p.Err == "invalid_state");
        receiver.Inner.Accepted.Should().BeEmpty();
    }

    [Test]
    public async Task SSF_37_VerifyAsync_TransmitterAnswers429_StreamExceptionSurfaces_StateForgotten()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("POST /ssf/verify", new StubAnswer(429, null, null, [new("Retry-After", "600")]));
        var client = await h.ClientAsync();

        var verify = () => receiver.Sink.VerifyAsync(SsfTransmitterStub.FigureStreamId, client.RequestVerificationAsync, SsfStreamEventTestKit.Patience);

        var thrown = (await verify.Should().ThrowAsync<SsfStreamException>()).Which;
        thrown.Meaning.Should().Be(SsfStatusMeaning.TooManyRequests);
        thrown.RetryAfter.Should().Be(TimeSpan.FromMinutes(10));
        var state = JsonNode.Parse(h.Stub.Management().Single().Body)!["state"]!.GetValue<string>();
        await receiver.PushAsync(SsfStreamEventTestKit.VerificationSet(SsfTransmitterStub.FigureStreamId, state));
        receiver.Pushes.Single().Err.Should().Be("invalid_state", "the state was forgotten when the request failed");
    }

    /// <summary>Waits until the transmitter's push has been answered: that answer reaches the stub after the sink's.</summary>
    private static async Task PushedAsync(SsfStreamEventPushReceiver receiver)
    {
        using var patience = new CancellationTokenSource(SsfStreamEventTestKit.Patience);
        while (receiver.Pushes.IsEmpty)
        {
            await Task.Delay(10, patience.Token);
        }
    }

    /// <summary>The verification SET a transmitter sends for <paramref name="request"/>: its stream, its state (or another).</summary>
    private static string Echo(StubRequest request, bool tamper)
    {
        var body = JsonNode.Parse(request.Body)!;
        var state = body["state"]!.GetValue<string>();
        return SsfStreamEventTestKit.VerificationSet(body["stream_id"]!.GetValue<string>(), tamper ? state + "x" : state);
    }
}
