using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens.Events;
using static SecEvent.Delivery.Tests.Ssf.SsfStreamEventTestKit;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>
/// Verification events (OpenID SSF 1.0 §8.1.4) end to end over push: a stub transmitter on Kestrel answers the
/// verification request and pushes a signed verification SET to a <see cref="Push.PushReceiver"/> on Kestrel whose
/// sink is an <see cref="SsfStreamEventSink"/>.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SsfStreamEventPushTests
{
    [Test]
    public async Task SSF_36_VerifyAsyncOverPush_EventEchoingTheState_CompletesAfterTheInnerSinkAccepted()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        await using var stub = await SsfStreamEventStubTransmitter.StartAsync((set, ct) => receiver.PushAsync(set, ct));

        var token = await receiver.Sink.VerifyAsync("stream-1", stub.RequestVerificationAsync, Patience);

        var request = stub.Requests.Should().ContainSingle().Subject;
        request.StreamId.Should().Be("stream-1");
        System.Buffers.Text.Base64Url.DecodeFromChars(request.State).Should().HaveCount(32, "the state is 32 random bytes, base64url");
        token.GetEvent<SsfVerificationEvent>()!.State.Should().Be(request.State);
        token.Type.Should().Be("secevent+jwt");
        receiver.Inner.Accepted.Should().ContainSingle().Which.JwtId.Should().Be(token.JwtId, "the verification SET is handed on");
        await stub.DrainAsync();
        receiver.Pushes.Should().ContainSingle().Which.Status.Should().Be(202);
    }

    [Test]
    public async Task SSF_36_StateMismatchOverPush_AnswersInvalidState_AndVerifyAsyncTimesOut()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        await using var stub = await SsfStreamEventStubTransmitter.StartAsync((set, ct) => receiver.PushAsync(set, ct));
        stub.Echo = StateEcho.Wrong;

        var verify = () => receiver.Sink.VerifyAsync("stream-1", stub.RequestVerificationAsync, ShortTimeout);

        await verify.Should().ThrowAsync<TimeoutException>();
        await stub.DrainAsync();
        var push = receiver.Pushes.Should().ContainSingle().Subject;
        push.Status.Should().Be(400);
        push.Err.Should().Be("invalid_state");
        push.Description.Should().NotBeNullOrEmpty();
        receiver.Inner.Accepted.Should().BeEmpty("a refused SET does not reach the application");
    }

    [Test]
    public async Task SSF_36_StateDifferingOnlyInCase_RefusedWithInvalidState()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        await using var stub = await SsfStreamEventStubTransmitter.StartAsync((set, ct) => receiver.PushAsync(set, ct));
        stub.Echo = StateEcho.Uppercased;

        var verify = () => receiver.Sink.VerifyAsync("stream-1", stub.RequestVerificationAsync, ShortTimeout);

        await verify.Should().ThrowAsync<TimeoutException>("the state is compared exactly (ordinal)");
        await stub.DrainAsync();
        receiver.Pushes.Should().ContainSingle().Which.Err.Should().Be("invalid_state");
    }

    [Test]
    public async Task SSF_36_StateAlreadyAnswered_SecondEventRefusedWithInvalidState()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        await using var stub = await SsfStreamEventStubTransmitter.StartAsync((set, ct) => receiver.PushAsync(set, ct));
        await receiver.Sink.VerifyAsync("stream-1", stub.RequestVerificationAsync, Patience);
        await stub.DrainAsync();
        var state = stub.Requests.Single().State;

        await receiver.PushAsync(VerificationSet("stream-1", state));

        receiver.Pushes.Last().Err.Should().Be("invalid_state", "a state is answered once");
        receiver.Inner.Accepted.Should().ContainSingle();
    }

    [Test]
    public async Task SSF_36_StateOfAnotherStream_RefusedWithInvalidState()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        var sent = new VerificationRequests();
        var verify = receiver.Sink.VerifyAsync(
            "stream-a",
            sent.RecordAsync,
            ShortTimeout);

        await receiver.PushAsync(VerificationSet("stream-b", sent.State));

        receiver.Pushes.Single().Err.Should().Be("invalid_state", "the state was asked for on another stream");
        await verify.Invoking(v => v).Should().ThrowAsync<TimeoutException>();
    }

    [Test]
    public async Task SSF_37_EventArrivingBeforeThe204_CompletesVerifyAsync()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        await using var stub = await SsfStreamEventStubTransmitter.StartAsync((set, ct) => receiver.PushAsync(set, ct));
        stub.DeliverBeforeAnswering = true;

        var token = await receiver.Sink.VerifyAsync("stream-1", stub.RequestVerificationAsync, Patience);

        token.GetEvent<SsfVerificationEvent>()!.State.Should().Be(stub.Requests.Single().State);
        receiver.Pushes.Should().ContainSingle().Which.Status.Should().Be(202, "the push finished before the 204 was written");
    }

    [Test]
    public async Task SSF_37_ConcurrentVerifications_OnOneStreamAndOnSeveral_EachAnsweredByItsOwnEvent()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        await using var stub = await SsfStreamEventStubTransmitter.StartAsync((set, ct) => receiver.PushAsync(set, ct));
        string[] streams = ["stream-a", "stream-a", "stream-a", "stream-b", "stream-b", "stream-c"];
        stub.HoldUntil = streams.Length; // every event waits for the last request, then they arrive in reverse order

        var tokens = await Task.WhenAll(streams.Select(s => receiver.Sink.VerifyAsync(s, stub.RequestVerificationAsync, Patience)));

        var states = tokens.Select(t => t.GetEvent<SsfVerificationEvent>()!.State).ToList();
        states.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(stub.Requests.Select(r => r.State));
        tokens.Select(t => ((Tokens.Subjects.OpaqueSubjectIdentifier)t.SubjectId!).Id).Should().Equal(streams, "each call got the event of its own stream");
        foreach (var (token, stream) in tokens.Zip(streams))
        {
            stub.Requests.Should().Contain(r => r.StreamId == stream && r.State == token.GetEvent<SsfVerificationEvent>()!.State);
        }

        await stub.DrainAsync();
        receiver.Pushes.Should().HaveCount(streams.Length).And.OnlyContain(p => p.Status == 202);
    }

    [Test]
    public async Task SSF_37_TransmitterInitiatedVerificationWithoutState_Accepted()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();

        await receiver.PushAsync(VerificationSet("stream-1", state: null));

        receiver.Pushes.Single().Status.Should().Be(202);
        receiver.Inner.Accepted.Should().ContainSingle().Which.GetEvent<SsfVerificationEvent>()!.State.Should().BeNull();
    }

    [Test]
    public async Task SSF_37_VerificationRequestRefused_ErrorSurfacesAndTheStateIsForgotten()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        string? state = null;

        var verify = () => receiver.Sink.VerifyAsync(
            "stream-1",
            (request, _) =>
            {
                state = request.State;
                throw new HttpRequestException("429");
            },
            Patience);

        await verify.Should().ThrowAsync<HttpRequestException>();
        await receiver.PushAsync(VerificationSet("stream-1", state));
        receiver.Pushes.Single().Err.Should().Be("invalid_state", "the request was never made, so nothing answers it");
    }

    [Test]
    public async Task SSF_36_VerifyAsyncCancelled_ThrowsOperationCanceled_AndTheStateIsForgotten()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        using var cancel = new CancellationTokenSource();
        var sent = new VerificationRequests();
        var verify = receiver.Sink.VerifyAsync(
            "stream-1",
            sent.RecordAsync,
            Patience,
            cancel.Token);

        await cancel.CancelAsync();

        await verify.Invoking(v => v).Should().ThrowAsync<OperationCanceledException>();
        await receiver.PushAsync(VerificationSet("stream-1", sent.State));
        receiver.Pushes.Single().Err.Should().Be("invalid_state");
    }

    [Test]
    public async Task SSF_36_InnerSinkFailsTransiently_StateStaysOpen_ResentEventCompletesVerifyAsync()
    {
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync();
        receiver.Inner.FailWith = new IOException("disk full");
        var sent = new VerificationRequests();
        var verify = receiver.Sink.VerifyAsync(
            "stream-1",
            sent.RecordAsync,
            Patience);
        var set = VerificationSet("stream-1", sent.State);

        await receiver.PushAsync(set);
        receiver.Inner.FailWith = null;
        await receiver.PushAsync(set);

        receiver.Pushes.Select(p => p.Status).Should().Equal(500, 202);
        (await verify).GetEvent<SsfVerificationEvent>()!.State.Should().Be(sent.State);
    }

    [Test]
    public async Task SSF_36_LogsNameTheStreamAndTheSet_NeverTheStateOrTheSet()
    {
        var logs = new LogCollector();
        await using var receiver = await SsfStreamEventPushReceiver.StartAsync(logs: logs);
        await using var stub = await SsfStreamEventStubTransmitter.StartAsync((set, ct) => receiver.PushAsync(set, ct));
        await receiver.Sink.VerifyAsync("stream-1", stub.RequestVerificationAsync, Patience);
        stub.Echo = StateEcho.Wrong;
        await receiver.Sink.Invoking(s => s.VerifyAsync("stream-1", stub.RequestVerificationAsync, ShortTimeout)).Should().ThrowAsync<TimeoutException>();
        await stub.DrainAsync();

        var ids = logs.Entries.Select(e => e.Id.Id).ToList();
        ids.Should().Contain([6100, 6101, 6102, 6104]);
        logs.Entries.Where(e => e.Id.Id is >= 6100 and < 6150).Should().OnlyContain(e => e.Message.Contains("stream-1"));
        var secrets = stub.Requests.Select(r => r.State!).Concat(receiver.Pushes.Select(p => p.Set)).ToList();
        logs.Entries.Should().NotContain(e => secrets.Any(secret => e.Message.Contains(secret, StringComparison.Ordinal)
            || e.State.Any(kv => kv.Value != null && kv.Value.ToString()!.Contains(secret, StringComparison.Ordinal))));
    }

    [Test]
    public async Task SSF_37_VerificationRequestThatNeverReturns_TimesOutAnyway()
    {
        var sink = new SsfStreamEventSink(Inner());
        var never = new TaskCompletionSource();

        var verify = () => sink.VerifyAsync("stream-1", (_, _) => never.Task, ShortTimeout);

        await verify.Should().ThrowAsync<TimeoutException>();
    }

    [Test]
    public async Task SSF_36_VerifyAsync_BadArguments_Refused()
    {
        var sink = new SsfStreamEventSink(Inner());
        Func<SsfVerificationRequest, CancellationToken, Task> send = (_, _) => Task.CompletedTask;

        await sink.Invoking(s => s.VerifyAsync("", send, Patience)).Should().ThrowAsync<ArgumentException>();
        await sink.Invoking(s => s.VerifyAsync("s", null!, Patience)).Should().ThrowAsync<ArgumentNullException>();
        await sink.Invoking(s => s.VerifyAsync("s", send, TimeSpan.Zero)).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
