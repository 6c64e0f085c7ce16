using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// Long polls over real HTTP (RFC 8936 §2.5, POLL-09): held while nothing is waiting, woken by an enqueue, ended by the
/// timeout or by the recipient going away — and nothing stays leased for a response no one reads. Where a test relies on
/// a wake-up, the timeout and the recheck interval are minutes long: only the wake-up can answer before the client's
/// 60-second timeout fails the test.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PollTransmitterLongPollTests
{
    private const string Stream = "stream-a";

    [Test]
    public async Task POLL_09_LongPollWithNothingWaiting_WokenByAPublishAndAnsweredWithTheSet()
    {
        await using var host = await PollHost.StartAsync(PollHost.ObservedInMemory, NoRecheck);
        var queue = host.Observed;
        var polling = host.PollAsync(Stream, new { });
        await queue.WaitForEmptyLeaseAsync();

        await host.PublishAsync(Stream, "a");
        var reply = await polling;

        reply.Status.Should().Be(200);
        reply.Jtis.Should().Equal("a");
    }

    [Test]
    public async Task POLL_09_LongPollOnSqlite_WokenByAPublishOnTheSameInstance()
    {
        var files = new TempDatabase();
        try
        {
            var path = files.NewPath();
            await using (var host = await PollHost.StartAsync(async time => new ObservedPollQueue(await SqliteSecurityEventOutbox.OpenExclusiveAsync(path, time)), NoRecheck))
            {
                var queue = host.Observed;
                var polling = host.PollAsync(Stream, new { returnImmediately = false, maxEvents = 5 });
                await queue.WaitForEmptyLeaseAsync();

                await host.PublishAsync(Stream, "a", "b");

                (await polling).Jtis.Should().Equal("a", "b");
            }
        }
        finally
        {
            files.Clear();
        }
    }

    [Test]
    public async Task POLL_09_SetEnqueuedByAnotherInstanceSharingTheFile_FoundByTheRecheck()
    {
        var files = new TempDatabase();
        var path = files.NewPath();
        try
        {
            await using (var host = await PollHost.StartAsync(async time => new ObservedPollQueue(await SqliteSecurityEventOutbox.OpenAsync(path, time)), o =>
            {
                o.LongPollTimeout = TimeSpan.FromMinutes(5);
                o.RecheckInterval = TimeSpan.FromMilliseconds(200);
            }))
            {
                var queue = host.Observed;
                await using var other = await SqliteSecurityEventOutbox.OpenAsync(path, host.Time);
                var polling = host.PollAsync(Stream, new { });
                await queue.WaitForEmptyLeaseAsync();

                await other.EnqueueAsync([new OutboxItem(PushSets.Token("from-elsewhere"), Stream)]);

                (await polling).Jtis.Should().Equal("from-elsewhere");
            }
        }
        finally
        {
            files.Clear();
        }
    }

    [Test]
    public async Task POLL_09_PublishToAnotherStream_LongPollKeepsWaitingForItsOwn()
    {
        await using var host = await PollHost.StartAsync(PollHost.ObservedInMemory, NoRecheck);
        var queue = host.Observed;
        var polling = host.PollAsync(Stream, new { });
        await queue.WaitForEmptyLeaseAsync();

        await host.PublishAsync("stream-b", "b");
        await queue.WaitForEmptyLeaseAsync();
        polling.IsCompleted.Should().BeFalse("a SET for another stream is not this poll's");
        await host.PublishAsync(Stream, "a");

        (await polling).Jtis.Should().Equal("a");
    }

    [Test]
    public async Task POLL_09_LongPollTimesOut_AnsweredWithEmptySets()
    {
        await using var host = await PollHost.StartAsync(configure: o => o.LongPollTimeout = TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var reply = await host.PollAsync(Stream, new { });

        reply.Status.Should().Be(200);
        reply.Body.Should().Be("""{"sets":{}}""");
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(800), "the request was held until the timeout");
    }

    [Test]
    public async Task POLL_09_TwoLongPollsOneSet_OneGetsItTheOtherTimesOutEmpty()
    {
        await using var host = await PollHost.StartAsync(configure: o => o.LongPollTimeout = TimeSpan.FromSeconds(3));
        var first = host.PollAsync(Stream, new { });
        var second = host.PollAsync(Stream, new { });
        await Task.Delay(300);

        await host.PublishAsync(Stream, "a");
        var replies = await Task.WhenAll(first, second);

        replies.SelectMany(r => r.Jtis).Should().Equal(["a"], "a SET is leased to one response");
    }

    [Test]
    public async Task POLL_07_AcknowledgeOnlyWithoutReturnImmediately_HeldThenEmptyWithTheAckApplied()
    {
        await using var host = await PollHost.StartAsync(configure: o => o.LongPollTimeout = TimeSpan.FromSeconds(1));
        await host.PublishAsync(Stream, "a", "b");
        await host.PollAsync(Stream, new { returnImmediately = true });
        var clock = Stopwatch.StartNew();

        var reply = await host.PollAsync(Stream, new { ack = new[] { "a", "b" }, maxEvents = 0, returnImmediately = false });

        reply.Body.Should().Be("""{"sets":{}}""");
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(800), "RFC 8936 §2.4.2: without returnImmediately the transmitter long-polls");
        (await host.Queue.GetStatisticsAsync()).Pending.Should().Be(0);
    }

    [Test]
    public async Task POLL_07_AcknowledgeOnlyWithReturnImmediately_AnsweredAtOnce()
    {
        await using var host = await PollHost.StartAsync(configure: NoRecheck);
        await host.PublishAsync(Stream, "a");
        await host.PollAsync(Stream, new { returnImmediately = true });

        var reply = await host.PollAsync(Stream, new { ack = new[] { "a" }, maxEvents = 0, returnImmediately = true });

        reply.Body.Should().Be("""{"sets":{}}""");
        (await host.Queue.GetStatisticsAsync()).Pending.Should().Be(0);
    }

    [Test]
    public async Task POLL_09_AcknowledgeAndLongPoll_AckAppliedBeforeTheWait()
    {
        await using var host = await PollHost.StartAsync(configure: NoRecheck);
        await host.PublishAsync(Stream, "a");
        await host.PollAsync(Stream, new { returnImmediately = true });

        var polling = host.PollAsync(Stream, new { ack = new[] { "a" } });
        await WaitUntilAsync(async () => (await host.Queue.GetStatisticsAsync()).Pending == 0);
        await host.PublishAsync(Stream, "b");

        (await polling).Jtis.Should().Equal("b");
    }

    [Test]
    public async Task HandleAsync_RecipientGoneDuringALongPoll_EndsQuietlyAndLeasesNothing()
    {
        await using var host = await PollHost.StartAsync(PollHost.ObservedInMemory, NoRecheck);
        var queue = host.Observed;
        using var gone = new CancellationTokenSource();
        var polling = host.PollAsync(Stream, new { }, cancellationToken: gone.Token);
        await queue.WaitForEmptyLeaseAsync();

        await gone.CancelAsync();
        await polling.Invoking(p => p).Should().ThrowAsync<OperationCanceledException>();
        await host.WaitHandledAsync();
        await host.PublishAsync(Stream, "a");
        var next = await host.PollAsync(Stream, new { returnImmediately = true });

        host.Handled.First().Should().BeAssignableTo<OperationCanceledException>();
        next.Jtis.Should().Equal(["a"], "the abandoned poll leased nothing");
    }

    [Test]
    public async Task HandleAsync_CancelledJustAfterTheLease_SetsGivenBackAtOnceWithNoOfferCounted()
    {
        var time = new Tokens.Tests.Support.ManualTimeProvider(PushSets.Now);
        var queue = new ObservedPollQueue(new InMemorySecurityEventOutbox(time));
        var transmitter = new PollTransmitter(queue, PollHost.FastOptions(), time);
        await transmitter.PublishAsync(Stream, [PushSets.Token("a"), PushSets.Token("b")]);
        using var gone = new CancellationTokenSource();
        queue.Leased = _ => gone.Cancel(); // The recipient goes away while its SETs are being leased.

        var handling = transmitter.HandleAsync(Request("{}"), gone.Token).AsTask();

        await handling.Invoking(h => h).Should().ThrowAsync<OperationCanceledException>();
        queue.Leased = null;
        var lease = await queue.LeaseStreamAsync(Stream, 10, time.Now, TimeSpan.FromMinutes(1));
        lease.Messages.Select(m => m.Jti).Should().Equal(["a", "b"], "they are due again at once, not when the lease would have ended");
        lease.Messages.Should().OnlyContain(m => m.Attempts == 0, "a response never written offered nothing");
    }

    [Test]
    public async Task HandleAsync_ResponseLostAfterItWasReturned_OfferedAgainAfterTheRedeliveryDelay()
    {
        var time = new Tokens.Tests.Support.ManualTimeProvider(PushSets.Now);
        var queue = new InMemorySecurityEventOutbox(time);
        var transmitter = new PollTransmitter(queue, PollHost.FastOptions(), time);
        await transmitter.PublishAsync(Stream, [PushSets.Token("a")]);

        var lost = await transmitter.HandleAsync(Request("""{"returnImmediately":true}"""));
        var before = await transmitter.HandleAsync(Request("""{"returnImmediately":true}"""));
        time.Advance(new PollTransmitterOptions().RedeliveryDelay);
        var after = await transmitter.HandleAsync(Request("""{"returnImmediately":true}"""));

        lost.Delivered.Should().Be(1);
        before.Delivered.Should().Be(0);
        after.Delivered.Should().Be(1);
    }

    private static void NoRecheck(PollTransmitterOptions options)
    {
        options.LongPollTimeout = TimeSpan.FromMinutes(5);
        options.RecheckInterval = TimeSpan.FromMinutes(5);
    }

    private static PollEndpointRequest Request(string json) => new()
    {
        ContentType = "application/json",
        Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)),
        StreamId = Stream,
    };

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            deadline.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the condition should have come true");
            await Task.Delay(20);
        }
    }
}
