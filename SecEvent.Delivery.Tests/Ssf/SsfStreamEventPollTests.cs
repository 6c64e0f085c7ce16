using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Poll;
using SecEvent.Tokens.Events;
using static SecEvent.Delivery.Tests.Ssf.SsfStreamEventTestKit;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>
/// Verification and stream-updated events end to end over poll: the stub transmitter answers the verification request
/// and queues the signed SET at a <see cref="PollTransmitter"/> on Kestrel, which a real <see cref="PollClient"/> polls
/// into an <see cref="SsfStreamEventSink"/>.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SsfStreamEventPollTests
{
    private const string Stream = "stream-poll";

    [Test]
    public async Task SSF_36_VerifyAsyncOverPoll_EventEchoingTheState_CompletesAndIsAcknowledged()
    {
        await using var setup = await PollSetup.StartAsync();
        await using var stub = await SsfStreamEventStubTransmitter.StartAsync(setup.PublishAsync);

        var token = await setup.Sink.VerifyAsync(Stream, stub.RequestVerificationAsync, Patience);

        token.GetEvent<SsfVerificationEvent>()!.State.Should().Be(stub.Requests.Single().State);
        await setup.WaitForAsync(() => Task.FromResult(setup.Host.Exchanges.SelectMany(e => e.Acks).Contains(token.JwtId)), "the verification SET is acknowledged");
        (await setup.Host.PendingAsync()).Should().Be(0);
        setup.Host.Exchanges.Should().NotContain(e => e.SetErrs.Count > 0);
        setup.Inner.Accepted.Should().ContainSingle().Which.JwtId.Should().Be(token.JwtId);
    }

    [Test]
    public async Task SSF_36_StateMismatchOverPoll_ReportedInSetErrsAsInvalidState_AndVerifyAsyncTimesOut()
    {
        await using var setup = await PollSetup.StartAsync();
        await using var stub = await SsfStreamEventStubTransmitter.StartAsync(setup.PublishAsync);
        stub.Echo = StateEcho.Wrong;

        var verify = () => setup.Sink.VerifyAsync(Stream, stub.RequestVerificationAsync, ShortTimeout);

        await verify.Should().ThrowAsync<TimeoutException>();
        await stub.DrainAsync();
        await setup.WaitForAsync(() => Task.FromResult(!setup.Host.ReportedErrors.IsEmpty), "the transmitter is told of the refused SET");
        var (stream, errors) = setup.Host.ReportedErrors.First();
        stream.Should().Be(Stream);
        errors.Values.Should().ContainSingle().Which.Code.Should().Be("invalid_state");
        setup.Host.Exchanges.Should().NotContain(e => e.Acks.Count > 0, "a refused SET is not acknowledged");
        setup.Inner.Accepted.Should().BeEmpty();
    }

    [Test]
    public async Task SSF_37_EventPolledAndAcknowledgedBeforeThe204_CompletesVerifyAsync()
    {
        await using var setup = await PollSetup.StartAsync();
        await using var stub = await SsfStreamEventStubTransmitter.StartAsync(async (set, ct) =>
        {
            await setup.PublishAsync(set, ct);
            await setup.WaitForAsync(async () => await setup.Host.PendingAsync() == 0, "the receiver acknowledged the SET before the 204");
        });
        stub.DeliverBeforeAnswering = true;

        var token = await setup.Sink.VerifyAsync(Stream, stub.RequestVerificationAsync, Patience);

        token.GetEvent<SsfVerificationEvent>()!.State.Should().Be(stub.Requests.Single().State);
    }

    [Test]
    public async Task SSF_37_StreamUpdatedOverPoll_NewerThenOlderInOneResponse_NewerWins()
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<SsfStreamUpdate>();
        await using var setup = await PollSetup.StartAsync(new SsfStreamEventSinkOptions
        {
            StreamUpdated = (update, _) =>
            {
                seen.Enqueue(update);
                return ValueTask.CompletedTask;
            },
        });
        var now = DateTimeOffset.UtcNow;

        await setup.Host.PublishAsync(
            [
                StreamUpdatedSet(Stream, SsfStreamStatuses.Paused, null, now.AddMinutes(-3), jti: "paused-first"),
                StreamUpdatedSet(Stream, SsfStreamStatuses.Enabled, null, now.AddMinutes(-1), jti: "enabled-newest"),
                StreamUpdatedSet(Stream, SsfStreamStatuses.Disabled, null, now.AddMinutes(-2), jti: "disabled-late"),
            ],
            Stream);
        await setup.WaitForAsync(async () => await setup.Host.PendingAsync() == 0, "every stream-updated SET is acknowledged");

        seen.Select(u => u.JwtId).Should().Equal("paused-first", "enabled-newest");
        setup.Sink.GetLastKnownStatus(Stream)!.Status.Should().Be(SsfStreamStatuses.Enabled);
        setup.Inner.Accepted.Should().HaveCount(3);
    }

    /// <summary>A poll transmitter host, and a running poll client whose sink is an <see cref="SsfStreamEventSink"/>.</summary>
    private sealed class PollSetup : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly HttpClient _http = PollClientTestKit.NewHttpClient();
        private Task _run = Task.CompletedTask;

        private PollSetup(PollEndToEndHost host, SsfStreamEventSink sink, Support.RecordingSink inner)
        {
            Host = host;
            Sink = sink;
            Inner = inner;
        }

        public PollEndToEndHost Host { get; }

        public SsfStreamEventSink Sink { get; }

        public Support.RecordingSink Inner { get; }

        public static async Task<PollSetup> StartAsync(SsfStreamEventSinkOptions? options = null)
        {
            var host = await PollEndToEndHost.StartAsync(new InMemorySecurityEventOutbox(TimeProvider.System));
            var inner = Inner();
            var setup = new PollSetup(host, new SsfStreamEventSink(inner, options), inner);
            var clientOptions = PollClientTestKit.Options(host.Endpoint(Stream), o =>
            {
                o.ValidationParameters = Parameters();
                o.ReturnImmediately = false;
                o.AttemptTimeout = TimeSpan.FromSeconds(30);
            });
            var client = PollClientTestKit.Client(setup._http, clientOptions, setup.Sink);
            setup._run = client.RunAsync(setup._stop.Token);
            return setup;
        }

        public Task PublishAsync(string set, CancellationToken cancellationToken) => Host.PublishAsync([set], Stream);

        public async Task WaitForAsync(Func<Task<bool>> condition, string because)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            while (!await condition())
            {
                if (_run.IsCompleted)
                {
                    await _run;
                    Assert.Fail("The poll loop ended before: " + because);
                }

                if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > Patience)
                {
                    Assert.Fail("Timed out waiting: " + because);
                }

                await Task.Delay(20);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(Patience).ContinueWith(_ => { }, TaskScheduler.Default);
            await Host.DisposeAsync();
            _stop.Dispose();
            _http.Dispose();
        }
    }
}
