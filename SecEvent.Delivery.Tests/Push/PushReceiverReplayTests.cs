using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>RFC 8935 §2 PUSH-03 and PUSH-04: record only what the sink accepted, answer repeats as the first time.</summary>
public class PushReceiverReplayTests
{
    [Test]
    public async Task ReceiveAsync_SinkFails_Answers500AndRecordsNothingPUSH03()
    {
        var store = new InMemorySecurityEventReplayStore(PushSets.Clock());
        var sink = new RecordingSink { FailWith = new IOException("disk full") };
        var receiver = new PushReceiver(PushSets.Options(o => o.ReplayStore = store), sink, PushSets.Clock());

        var response = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()));

        response.StatusCode.Should().Be(500);
        response.Body.Length.Should().Be(0);
        response.Error.Should().BeNull();
        store.Count.Should().Be(0);
        (await store.ContainsAsync(PushSets.Issuer, "jti-1", default)).Should().BeFalse();
    }

    [Test]
    public async Task ReceiveAsync_RedeliveryAfterSinkFailure_ReachesSinkAgainAndIsAcceptedPUSH03()
    {
        var sink = new RecordingSink { FailWith = new IOException("disk full") };
        var receiver = new PushReceiver(PushSets.Options(), sink, PushSets.Clock());
        (await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()))).StatusCode.Should().Be(500);

        sink.FailWith = null;
        var retry = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()));

        retry.StatusCode.Should().Be(202);
        retry.IsDuplicate.Should().BeFalse();
        sink.Calls.Should().Be(2);
        sink.Accepted.Should().ContainSingle();
    }

    [Test]
    public async Task ReceiveAsync_SinkFailureStatus503_Answers503()
    {
        var sink = new RecordingSink { FailWith = new TimeoutException() };
        var receiver = new PushReceiver(PushSets.Options(o => o.SinkFailureStatusCode = 503), sink, PushSets.Clock());

        var response = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()));

        response.StatusCode.Should().Be(503);
    }

    [Test]
    public async Task ReceiveAsync_RecordsOnlyAfterSinkReturnedPUSH03()
    {
        var store = new InMemorySecurityEventReplayStore(PushSets.Clock());
        var sink = new RecordingSink();
        bool? recordedDuringSink = null;
        sink.During = token => recordedDuringSink = store.ContainsAsync(token.Issuer, token.JwtId, default).AsTask().Result;
        var receiver = new PushReceiver(PushSets.Options(o => o.ReplayStore = store), sink, PushSets.Clock());

        await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()));

        recordedDuringSink.Should().BeFalse();
        (await store.ContainsAsync(PushSets.Issuer, "jti-1", default)).Should().BeTrue();
    }

    [Test]
    public async Task ReceiveAsync_DuplicateOfAcceptedSet_Answers202WithoutSinkPUSH04()
    {
        var sink = new RecordingSink();
        var receiver = new PushReceiver(PushSets.Options(), sink, PushSets.Clock());
        var first = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()));

        var second = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()));

        second.StatusCode.Should().Be(first.StatusCode).And.Be(202);
        second.Body.Length.Should().Be(0);
        second.Headers.Should().BeEquivalentTo(first.Headers);
        second.IsDuplicate.Should().BeTrue();
        sink.Calls.Should().Be(1);
    }

    [Test]
    public async Task ReceiveAsync_SameJtiFromAnotherIssuer_IsNotADuplicatePUSH04()
    {
        var sink = new RecordingSink();
        var options = PushSets.Options(o => o.ValidationParameters.ValidIssuers = [PushSets.Issuer, "https://second.example.com"]);
        var receiver = new PushReceiver(options, sink, PushSets.Clock());

        await receiver.ReceiveAsync(PushSets.Request(PushSets.Token("shared")));
        var other = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token("shared", issuer: "https://second.example.com")));

        other.IsDuplicate.Should().BeFalse();
        sink.Calls.Should().Be(2);
    }

    [Test]
    public async Task ReceiveAsync_DuplicateOfRefusedSet_AnswersTheSameErrorPUSH04()
    {
        var receiver = new PushReceiver(PushSets.Options(), new RecordingSink(), PushSets.Clock());
        var token = PushSets.Token(audience: "https://elsewhere.example.com");

        var first = await receiver.ReceiveAsync(PushSets.Request(token));
        var second = await receiver.ReceiveAsync(PushSets.Request(token));

        second.StatusCode.Should().Be(400);
        second.Body.ToArray().Should().Equal(first.Body.ToArray());
    }

    [Test]
    public async Task ReceiveAsync_TwentyConcurrentIdenticalDeliveries_ReachSinkOnceAllAnswer202PUSH04()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new RecordingSink { Hold = release.Task };
        var receiver = new PushReceiver(PushSets.Options(), sink, PushSets.Clock());
        var token = PushSets.Token();

        var deliveries = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(async () => await receiver.ReceiveAsync(PushSets.Request(token))))
            .ToArray();
        await WaitUntilAsync(() => sink.Calls >= 1);
        await Task.Delay(100);
        sink.Calls.Should().Be(1, "the others wait for the first delivery");
        release.SetResult();
        var responses = await Task.WhenAll(deliveries);

        responses.Should().OnlyContain(r => r.StatusCode == 202 && r.Body.Length == 0);
        responses.Count(r => !r.IsDuplicate).Should().Be(1);
        sink.Calls.Should().Be(1);
    }

    [Test]
    public async Task ReceiveAsync_ConcurrentDeliveryWhileFirstFails_AnswersTheSameAndRecordsNothing()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new RecordingSink { Hold = release.Task, FailWith = new IOException("down") };
        var receiver = new PushReceiver(PushSets.Options(), sink, PushSets.Clock());
        var first = receiver.ReceiveAsync(PushSets.Request(PushSets.Token())).AsTask();
        await WaitUntilAsync(() => sink.Calls >= 1);
        var second = receiver.ReceiveAsync(PushSets.Request(PushSets.Token())).AsTask();

        release.SetResult();
        var responses = await Task.WhenAll(first, second);

        responses.Select(r => r.StatusCode).Should().Equal(500, 500);
        sink.Calls.Should().Be(1);
        sink.FailWith = null;
        sink.Hold = null;
        (await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()))).IsDuplicate.Should().BeFalse();
    }

    [Test]
    public async Task ReceiveAsync_FirstDeliveryCancelled_WaitingDeliveryRetriesAndReachesSink()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new RecordingSink { Hold = release.Task };
        var receiver = new PushReceiver(PushSets.Options(), sink, PushSets.Clock());
        using var cts = new CancellationTokenSource();
        var first = receiver.ReceiveAsync(PushSets.Request(PushSets.Token()), cts.Token).AsTask();
        await WaitUntilAsync(() => sink.Calls >= 1);
        var second = receiver.ReceiveAsync(PushSets.Request(PushSets.Token())).AsTask();

        await cts.CancelAsync();
        await first.Invoking(f => f).Should().ThrowAsync<OperationCanceledException>();
        await WaitUntilAsync(() => sink.Calls >= 2);
        release.SetResult();
        var response = await second;

        response.StatusCode.Should().Be(202);
        response.IsDuplicate.Should().BeFalse();
        sink.Accepted.Should().ContainSingle();
    }

    [Test]
    public async Task ReceiveAsync_AfterRetentionPassed_ForgetsAndDeliversAgain()
    {
        var clock = PushSets.Clock();
        var sink = new RecordingSink();
        var receiver = new PushReceiver(PushSets.Options(o => o.ReplayRetention = TimeSpan.FromHours(1)), sink, clock);
        await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()));

        clock.Advance(TimeSpan.FromMinutes(59));
        (await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()))).IsDuplicate.Should().BeTrue();
        clock.Advance(TimeSpan.FromMinutes(2));
        (await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()))).IsDuplicate.Should().BeFalse();

        sink.Calls.Should().Be(2);
    }

    [Test]
    public async Task ReceiveAsync_ReplayStoreAddFails_StillAnswers202BecauseSinkHoldsTheSet()
    {
        var sink = new RecordingSink();
        var receiver = new PushReceiver(PushSets.Options(o => o.ReplayStore = new FailingAddStore()), sink, PushSets.Clock());

        var response = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()));

        response.StatusCode.Should().Be(202);
        sink.Calls.Should().Be(1);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("condition not reached within 10 s");
            }

            await Task.Delay(5);
        }
    }

    private sealed class FailingAddStore : ISecurityEventReplayStore
    {
        public ValueTask<bool> ContainsAsync(string issuer, string jwtId, CancellationToken cancellationToken) => ValueTask.FromResult(false);

        public ValueTask AddAsync(string issuer, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
            throw new IOException("store down");
    }
}
