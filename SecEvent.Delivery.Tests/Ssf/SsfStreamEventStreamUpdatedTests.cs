using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Events;
using static SecEvent.Delivery.Tests.Ssf.SsfStreamEventTestKit;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>
/// Stream-updated events (OpenID SSF 1.0 §8.1.5) and the figures 46, 47 and 7 pushed over Kestrel to a
/// <see cref="Push.PushReceiver"/> whose sink is an <see cref="SsfStreamEventSink"/>.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SsfStreamEventStreamUpdatedTests
{
    private static readonly DateTimeOffset Earlier = DateTimeOffset.UtcNow.AddMinutes(-2);
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddMinutes(-1);

    private static (SsfStreamEventSinkOptions Options, ConcurrentQueue<SsfStreamUpdate> Seen) Recording()
    {
        var seen = new ConcurrentQueue<SsfStreamUpdate>();
        var options = new SsfStreamEventSinkOptions
        {
            StreamUpdated = (update, _) =>
            {
                seen.Enqueue(update);
                return ValueTask.CompletedTask;
            },
        };
        return (options, seen);
    }

    [Test]
    public async Task SSF_38_PausedThenEnabled_SurfacedInOrder_LastKnownStatusIsEnabled()
    {
        var (options, seen) = Recording();
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync(options);
        receiver.Sink.GetLastKnownStatus("stream-1").Should().BeNull("nothing is known before the first event");

        await receiver.PushAsync(StreamUpdatedSet("stream-1", SsfStreamStatuses.Paused, "maintenance", Earlier, jti: "paused-1"));
        await receiver.PushAsync(StreamUpdatedSet("stream-1", SsfStreamStatuses.Enabled, null, Later, jti: "enabled-1"));

        receiver.Pushes.Should().OnlyContain(p => p.Status == 202);
        seen.Select(u => (u.Status, u.Reason, u.JwtId)).Should().Equal(
            (SsfStreamStatuses.Paused, "maintenance", "paused-1"),
            (SsfStreamStatuses.Enabled, (string?)null, "enabled-1"));
        var last = receiver.Sink.GetLastKnownStatus("stream-1")!;
        last.Status.Should().Be(SsfStreamStatuses.Enabled);
        last.Issuer.Should().Be(Issuer);
        last.StreamId.Should().Be("stream-1");
        last.ChangedAt.Should().Be(Tokens.NumericDate.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(Later.ToUnixTimeSeconds())));
        receiver.Inner.Accepted.Select(t => t.JwtId).Should().Equal("paused-1", "enabled-1");
    }

    [Test]
    public async Task SSF_37_OlderUpdateDeliveredAfterANewerOne_DoesNotWin_ButStillReachesTheInnerSink()
    {
        var (options, seen) = Recording();
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync(options);

        await receiver.PushAsync(StreamUpdatedSet("stream-1", SsfStreamStatuses.Enabled, null, Later, jti: "enabled-new"));
        await receiver.PushAsync(StreamUpdatedSet("stream-1", SsfStreamStatuses.Paused, "old news", Earlier, jti: "paused-old"));

        receiver.Pushes.Should().OnlyContain(p => p.Status == 202, "an out-of-order SET is still a valid SET");
        receiver.Sink.GetLastKnownStatus("stream-1")!.Status.Should().Be(SsfStreamStatuses.Enabled);
        seen.Select(u => u.JwtId).Should().Equal(["enabled-new"], "the older change is not surfaced");
        receiver.Inner.Accepted.Select(t => t.JwtId).Should().Equal("enabled-new", "paused-old");
    }

    [Test]
    public async Task SSF_38_StreamsAreTrackedSeparately()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();

        await receiver.PushAsync(StreamUpdatedSet("stream-a", SsfStreamStatuses.Disabled, null, Later));
        await receiver.PushAsync(StreamUpdatedSet("stream-b", SsfStreamStatuses.Paused, null, Earlier));

        receiver.Sink.GetLastKnownStatus("stream-a")!.Status.Should().Be(SsfStreamStatuses.Disabled);
        receiver.Sink.GetLastKnownStatus("stream-b")!.Status.Should().Be(SsfStreamStatuses.Paused);
        receiver.Sink.GetLastKnownStatus("STREAM-A").Should().BeNull("stream ids compare ordinally");
    }

    [Test]
    public async Task SSF_38_CallbackFails_DeliveryFails_ResentSetSurfacedAgain()
    {
        var calls = 0;
        var options = new SsfStreamEventSinkOptions
        {
            StreamUpdated = (_, _) => Interlocked.Increment(ref calls) == 1 ? throw new IOException("store down") : ValueTask.CompletedTask,
        };
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync(options);
        var set = StreamUpdatedSet("stream-1", SsfStreamStatuses.Paused, null, Later);

        await receiver.PushAsync(set);
        await receiver.PushAsync(set);

        receiver.Pushes.Select(p => p.Status).Should().Equal(500, 202);
        calls.Should().Be(2);
    }

    [Test]
    public async Task SSF_38_Figure47AsPrinted_AcceptedAndSurfaced()
    {
        var (options, seen) = Recording();
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync(options);

        await receiver.PushAsync(SignPayload(Figure("ssf-fig47-stream-updated-set")));

        receiver.Pushes.Single().Status.Should().Be(202);
        var update = seen.Should().ContainSingle().Subject;
        update.Should().BeEquivalentTo(new
        {
            StreamId = FigureStream,
            Status = "paused",
            Reason = "Internal error",
            Issuer = "https://transmitter.example.com",
            JwtId = "123456",
        });
        update.IssuedAt.Seconds.Should().Be(1493856000);
    }

    [Test]
    public async Task SSF_36_Figure46AsPrinted_ItsStateWasNeverRequested_RefusedWithInvalidState()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();

        await receiver.PushAsync(SignPayload(Figure("ssf-fig46-verification-set")));

        receiver.Pushes.Single().Err.Should().Be("invalid_state");
    }

    [Test]
    public async Task SSF_36_Figure46WithTheRequestedState_CompletesVerifyAsync()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();

        var token = await receiver.Sink.VerifyAsync(FigureStream, (request, ct) =>
        {
            var payload = Figure("ssf-fig46-verification-set");
            payload["events"]![SecurityEventTypes.SsfVerification]!["state"] = request.State;
            return receiver.PushAsync(SignPayload(payload), ct);
        }, Patience);

        token.JwtId.Should().Be("123456");
        receiver.Pushes.Single().Status.Should().Be(202);
    }

    [Test]
    public async Task SSF_36_Figure46WithoutState_AcceptedAsTransmitterInitiated()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        var payload = Figure("ssf-fig46-verification-set");
        payload["events"]![SecurityEventTypes.SsfVerification] = new JsonObject();

        await receiver.PushAsync(SignPayload(payload));

        receiver.Pushes.Single().Status.Should().Be(202);
        receiver.Inner.Accepted.Should().ContainSingle();
    }

    [Test]
    public async Task SSF_36_Figure7ArrayAudience_WithTheRequestedState_CompletesVerifyAsyncForItsStream()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        const string Stream = "72e6991badb44e08a69672960053b342";

        var token = await receiver.Sink.VerifyAsync(Stream, (request, ct) =>
        {
            var payload = Figure("ssf-fig7-set-array-aud");
            payload["events"]![SecurityEventTypes.SsfVerification]!["state"] = request.State;
            return receiver.PushAsync(SignPayload(payload), ct);
        }, Patience);

        token.Audiences.Should().Equal("receiver.example.com/web", "receiver.example.com/mobile");
        token.TransactionId.Should().Be("8675309");
    }

    [Test]
    public async Task SSF_36_StreamEventWithoutAnOpaqueSubject_RefusedWithInvalidRequest()
    {
        // RFC 8417 validation alone lets any sub_id through: the sink itself insists on the stream's opaque id.
        var inner = Inner();
        var sink = new SsfStreamEventSink(inner);
        var parameters = Parameters();
        parameters.Profile = Tokens.SecurityEventProfile.Rfc8417;
        var payload = Figure("ssf-fig47-stream-updated-set");
        payload["sub_id"] = new JsonObject { ["format"] = "email", ["email"] = "user@example.com" };
        var result = await new Tokens.SecurityEventTokenHandler(TimeProvider.System).ValidateTokenAsync(SignPayload(payload), parameters);
        result.IsValid.Should().BeTrue();

        var accept = () => sink.AcceptAsync(result.Token!, CancellationToken.None).AsTask();

        (await accept.Should().ThrowAsync<Tokens.SecurityEventTokenException>()).Which.Error.Code.Should().Be("invalid_request");
        inner.Calls.Should().Be(0);
    }
}
