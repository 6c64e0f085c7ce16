using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Tests.Support;
using static SecEvent.Delivery.Tests.Poll.PollClientTestKit;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// The three request forms as <see cref="PollClient"/> sends them (RFC 8936 §2.4, POLL-06, POLL-07), checked against the
/// recorded JSON bodies and the RFC's own figures 1–4.
/// </summary>
[Parallelizable(ParallelScope.All)]
public partial class PollClientTests
{
    [Test]
    public async Task POLL_06_PollOnceAsync_FirstShortPoll_IsFigure1PollOnlyRequest()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o => o.MaxEvents = null), new RecordingSink());

        await client.PollOnceAsync();

        var request = transmitter.Requests.Should().ContainSingle().Subject;
        JsonElement.DeepEquals(request.Json, Vector("rfc8936-fig1-poll-request-initial").GetProperty("body")).Should().BeTrue(request.Body);
        request.ContentType.Should().Be("application/json");
        request.Accept.Should().Be("application/json");
        request.ContentLanguage.Should().BeNull("there are no setErrs to describe");
        request.Authorization.Should().BeNull();
    }

    [Test]
    public async Task POLL_06_POLL_09_PollOnceAsync_DefaultOptions_LongPollForAtMost100WithoutAck()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        using var http = NewHttpClient();
        var options = new PollClientOptions { Endpoint = transmitter.Endpoint(), ValidationParameters = PushSets.Parameters() };
        var client = Client(http, options, new RecordingSink());

        await client.PollOnceAsync();

        var body = transmitter.Requests.Should().ContainSingle().Subject;
        body.Members.Should().Equal("maxEvents", "returnImmediately");
        body.Json.GetProperty("maxEvents").GetInt32().Should().Be(100);
        body.Json.GetProperty("returnImmediately").GetBoolean().Should().BeFalse("long polling is the default (RFC 8936 §2.2)");

        var figure2 = Vector("rfc8936-fig2-poll-request-default").GetProperty("body");
        PollRequest.TryParse(JsonSerializer.SerializeToUtf8Bytes(figure2), out var defaults, out _).Should().BeTrue();
        (defaults!.ReturnImmediately ?? false).Should().Be(body.Json.GetProperty("returnImmediately").GetBoolean(), "figure 2's {} means the same");
    }

    [Test]
    public async Task POLL_06_PollOnceAsync_AfterAcceptingSets_AcknowledgesAndPollsLikeFigure4()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("4d3559ec67504aaba65d40b0363faad8"), Set("3d0c3cf797584bd193bd0fb1bd4e7d30"));
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o =>
        {
            o.ReturnImmediately = false;
            o.MaxEvents = null;
        }), new RecordingSink());

        var first = await client.PollOnceAsync();
        transmitter.Hold = TimeSpan.FromMilliseconds(100);
        await client.PollOnceAsync();

        first.Accepted.Should().Be(2);
        var second = transmitter.Requests.ElementAt(1);
        JsonElement.DeepEquals(second.Json, Vector("rfc8936-fig4-poll-request-ack").GetProperty("body")).Should().BeTrue(second.Body);
        transmitter.Acknowledged.Should().BeEquivalentTo("4d3559ec67504aaba65d40b0363faad8", "3d0c3cf797584bd193bd0fb1bd4e7d30");
    }

    [Test]
    public async Task POLL_06_POLL_07_AcknowledgeAsync_SendsFigure3AcknowledgeOnlyRequest()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("4d3559ec67504aaba65d40b0363faad8"), Set("3d0c3cf797584bd193bd0fb1bd4e7d30"));
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), new RecordingSink());

        await client.PollOnceAsync();
        await client.AcknowledgeAsync();

        var acknowledge = transmitter.Requests.ElementAt(1);
        JsonElement.DeepEquals(acknowledge.Json, Vector("rfc8936-fig3-poll-request-ack-only").GetProperty("body")).Should().BeTrue(acknowledge.Body);
        transmitter.OutstandingCount.Should().Be(0);
    }

    [Test]
    public async Task POLL_06_AcknowledgeAsync_NothingOwed_SendsNothing()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), new RecordingSink());

        await client.PollOnceAsync();
        await client.AcknowledgeAsync();
        await client.AcknowledgeAsync();

        transmitter.Count.Should().Be(1);
    }

    [Test]
    public async Task POLL_06_AcknowledgeAsync_Acknowledged_NotSentAgain()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), new RecordingSink());

        await client.PollOnceAsync();
        await client.AcknowledgeAsync();
        await client.PollOnceAsync();

        transmitter.Requests.Select(r => r.Acks.Length).Should().Equal(0, 1, 0);
    }

    [Test]
    public async Task POLL_07_RunAsync_Cancelled_SendsOneAcknowledgeOnlyRequestAndReturns()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Hold = TimeSpan.FromSeconds(20);
        transmitter.Offer(Set("a"), Set("b"));
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o => o.ReturnImmediately = false), sink);
        using var stop = new CancellationTokenSource();
        var acknowledged = 0;
        transmitter.Script = async (poll, context) =>
        {
            if (poll.Number == 2)
            {
                // The acknowledge-and-poll request is held and never answered: its acks never count.
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                return true;
            }

            if (poll.IsAcknowledgeOnly)
            {
                Interlocked.Increment(ref acknowledged);
            }

            return false;
        };

        var run = client.RunAsync(stop.Token);
        await WaitForAsync(() => transmitter.Count == 2, "the acknowledge-and-poll request is held");
        stop.Cancel();
        await run.WaitAsync(Patience);

        transmitter.Count.Should().Be(3);
        var final = transmitter.Requests.Last();
        final.IsAcknowledgeOnly.Should().BeTrue();
        final.Json.GetProperty("returnImmediately").GetBoolean().Should().BeTrue("RFC 8936 §2.4.2: otherwise the transmitter may hold it");
        final.Acks.Should().BeEquivalentTo("a", "b");
        final.Members.Should().Equal("ack", "maxEvents", "returnImmediately");
        acknowledged.Should().Be(1);
        transmitter.OutstandingCount.Should().Be(0);
        sink.Calls.Should().Be(2);
    }

    [Test]
    public async Task POLL_07_RunAsync_CancelledWithNothingOwed_SendsNoFinalRequest()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Hold = TimeSpan.FromSeconds(20);
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o => o.ReturnImmediately = false), new RecordingSink());
        using var stop = new CancellationTokenSource();

        var run = client.RunAsync(stop.Token);
        await WaitForAsync(() => transmitter.Count == 1, "the first long poll is held");
        stop.Cancel();
        await run.WaitAsync(Patience);
        await Task.Delay(200);

        transmitter.Count.Should().Be(1);
    }

    [Test]
    public async Task POLL_07_RunAsync_FinalAcknowledgementHangs_GivesUpAfterFinalAcknowledgeTimeoutWithoutThrowing()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        transmitter.Script = async (poll, context) =>
        {
            if (poll.Number == 1)
            {
                return false;
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return true;
        };
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o => o.FinalAcknowledgeTimeout = TimeSpan.FromMilliseconds(300)), new RecordingSink());
        using var stop = new CancellationTokenSource();

        var run = client.RunAsync(stop.Token);
        await WaitForAsync(() => transmitter.Count == 2, "the second request is held");
        stop.Cancel();
        var stopping = () => run.WaitAsync(Patience);

        await stopping.Should().NotThrowAsync();
        await WaitForAsync(() => transmitter.Count == 3, "the final acknowledgement was sent");
        transmitter.Requests.Last().IsAcknowledgeOnly.Should().BeTrue();
    }

    [Test]
    public async Task POLL_05_RunAsync_AcknowledgesOnlyAfterTheSinkAccepted()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acknowledgedWhileHeld = new List<string>();
        var sink = new RecordingSink { Hold = release.Task, During = _ => acknowledgedWhileHeld.AddRange(transmitter.Acknowledged) };
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), sink);
        using var stop = new CancellationTokenSource();

        var run = client.RunAsync(stop.Token);
        await WaitForAsync(() => sink.Calls == 1, "the sink is handed the SET");
        await Task.Delay(300);
        var requestsWhileHeld = transmitter.Count;
        release.SetResult();
        await WaitForAsync(() => transmitter.Acknowledged.Contains("a"), "the SET is acknowledged");
        stop.Cancel();
        await run.WaitAsync(Patience);

        requestsWhileHeld.Should().Be(1, "no request goes out while the sink holds the SET");
        acknowledgedWhileHeld.Should().BeEmpty();
        transmitter.Requests.ElementAt(1).Acks.Should().Equal("a");
    }

    [Test]
    public async Task POLL_06_PollOnceAsync_RequestFailed_RepeatsTheSameAcknowledgementsNextTime()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        transmitter.Script = (poll, context) =>
        {
            if (poll.Number != 2)
            {
                return Task.FromResult(false);
            }

            context.Response.StatusCode = 503;
            return Task.FromResult(true);
        };
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), new RecordingSink());

        await client.PollOnceAsync();
        var failed = () => client.PollOnceAsync().AsTask();
        await failed.Should().ThrowAsync<PollException>();
        await client.PollOnceAsync();
        await client.PollOnceAsync();

        transmitter.Requests.Select(r => r.Acks.Length).Should().Equal(0, 1, 1, 0);
    }
}
