using FluentAssertions;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Tests.Support;
using static SecEvent.Delivery.Tests.Poll.PollClientTestKit;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// HTTP outcomes (RFC 8936 §2.5.1, POLL-10): refusals and protocol breaks end the loop, transient failures are retried
/// after a backoff that never undercuts Retry-After, and a long poll is waited for (POLL-09).
/// </summary>
public partial class PollClientTests
{
    private static Func<RecordedPoll, HttpContext, Task<bool>> Always(int status, string? body = null, string contentType = "application/json", Action<HttpResponse>? headers = null) =>
        async (_, context) =>
        {
            headers?.Invoke(context.Response);
            await FakeTransmitter.WriteAsync(context, status, body, contentType);
            return true;
        };

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(403)]
    [TestCase(404)]
    public async Task POLL_10_RunAsync_TransmitterRefuses_ThrowsRefusedAfterOneRequest(int status)
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Script = Always(status, """{"error":"ignored"}""");
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), new RecordingSink());

        var run = () => client.RunAsync(CancellationToken.None).WaitAsync(Patience);

        var thrown = (await run.Should().ThrowAsync<PollException>()).Which;
        thrown.Failure.Should().Be(PollFailure.Refused);
        thrown.StatusCode.Should().Be(status);
        transmitter.Count.Should().Be(1, "a refusal is not retried");
    }

    [Test]
    public async Task POLL_10_PollOnceAsync_Section251ErrorResponse_RefusedAndBodyIgnored()
    {
        var vector = Vector("rfc8936-sec2.5.1-poll-error-response");
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Script = Always(vector.GetProperty("status").GetInt32(), body: null);
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), new RecordingSink());

        var poll = () => client.PollOnceAsync().AsTask();

        var thrown = (await poll.Should().ThrowAsync<PollException>()).Which;
        thrown.Failure.Should().Be(PollFailure.Refused);
        thrown.StatusCode.Should().Be(400);
    }

    [Test]
    public async Task POLL_12_PollOnceAsync_401WithChallenge_NamesTheSchemeButNotItsParameters()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Script = Always(401, body: null, headers: r => r.Headers.WWWAuthenticate = "Bearer realm=\"secret-realm\"");
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), new RecordingSink());

        var poll = () => client.PollOnceAsync().AsTask();

        var thrown = (await poll.Should().ThrowAsync<PollException>()).Which;
        thrown.Message.Should().Contain("Bearer").And.NotContain("secret-realm");
    }

    private static IEnumerable<TestCaseData> ProtocolBreaks()
    {
        yield return new TestCaseData(200, """{"sets":""", "application/json").SetName("POLL_10_TruncatedJson_Protocol");
        yield return new TestCaseData(200, """{"moreAvailable":false}""", "application/json").SetName("POLL_10_NoSetsMember_Protocol");
        yield return new TestCaseData(200, """{"sets":[]}""", "application/json").SetName("POLL_10_SetsAsArray_Protocol");
        yield return new TestCaseData(200, """{"sets":{},"sets":{}}""", "application/json").SetName("POLL_10_DuplicateMember_Protocol");
        yield return new TestCaseData(200, """{"sets":{}}""", "text/plain").SetName("POLL_10_WrongContentType_Protocol");
        yield return new TestCaseData(204, null, "application/json").SetName("POLL_10_NoContent_Protocol");
        yield return new TestCaseData(202, """{"sets":{}}""", "application/json").SetName("POLL_10_Accepted_Protocol");
    }

    [TestCaseSource(nameof(ProtocolBreaks))]
    public async Task POLL_10_RunAsync_ProtocolBroken_ThrowsProtocolAfterOneRequest(int status, string? body, string contentType)
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Script = Always(status, body, contentType);
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), new RecordingSink());

        var run = () => client.RunAsync(CancellationToken.None).WaitAsync(Patience);

        var thrown = (await run.Should().ThrowAsync<PollException>()).Which;
        thrown.Failure.Should().Be(PollFailure.Protocol);
        thrown.StatusCode.Should().Be(status);
        transmitter.Count.Should().Be(1);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task PollOnceAsync_ResponseLargerThanMaximum_ThrowsProtocolWithoutDelivering(bool declareLength)
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        var sink = new RecordingSink();
        transmitter.Script = async (_, context) =>
        {
            var body = System.Text.Encoding.UTF8.GetBytes("{\"sets\":{\"a\":\"" + PushSets.Token("a") + "\"},\"padding\":\"" + new string('x', 8_000) + "\"}");
            context.Response.ContentType = "application/json";
            if (declareLength)
            {
                context.Response.ContentLength = body.Length;
            }

            await context.Response.Body.WriteAsync(body);
            return true;
        };
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o => o.MaximumResponseSize = 4096), sink);

        var poll = () => client.PollOnceAsync().AsTask();

        (await poll.Should().ThrowAsync<PollException>()).Which.Failure.Should().Be(PollFailure.Protocol);
        sink.Calls.Should().Be(0);
    }

    [Test]
    public async Task PollOnceAsync_ResponseJustWithinMaximum_Accepted()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        var json = "{\"sets\":{\"a\":\"" + PushSets.Token("a") + "\"}}";
        transmitter.Script = Always(200, json);
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o => o.MaximumResponseSize = System.Text.Encoding.UTF8.GetByteCount(json)), new RecordingSink());

        var round = await client.PollOnceAsync();

        round.Accepted.Should().Be(1);
    }

    [Test]
    public async Task POLL_10_RunAsync_RedirectNotFollowed_ThrowsProtocol()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Script = Always(307, body: null, headers: r => r.Headers.Location = "/elsewhere");
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), new RecordingSink());

        var run = () => client.RunAsync(CancellationToken.None).WaitAsync(Patience);

        (await run.Should().ThrowAsync<PollException>()).Which.Failure.Should().Be(PollFailure.Protocol);
        transmitter.Count.Should().Be(1);
    }

    [Test]
    public async Task POLL_10_RunAsync_503WithRetryAfter_WaitsAtLeastThatLongThenRecovers()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        transmitter.Script = async (poll, context) =>
        {
            if (poll.Number > 1)
            {
                return false;
            }

            context.Response.Headers.RetryAfter = "1";
            await FakeTransmitter.WriteAsync(context, 503, body: null);
            return true;
        };
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), sink);

        await RunUntilAsync(client, () => sink.Calls == 1, "the SET arrives after the transmitter recovered");

        var requests = transmitter.Requests.ToArray();
        Between(requests[0], requests[1]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(990), "Retry-After is never undercut (RFC 9110 §10.2.3); the backoff alone is 20 ms");
    }

    [TestCase(408)]
    [TestCase(429)]
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(504)]
    public async Task POLL_10_RunAsync_TransientStatus_RetriedUntilItRecovers(int status)
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        transmitter.Script = async (poll, context) =>
        {
            if (poll.Number > 2)
            {
                return false;
            }

            await FakeTransmitter.WriteAsync(context, status, body: null);
            return true;
        };
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), sink);

        await RunUntilAsync(client, () => sink.Calls == 1, "the SET arrives after two transient failures");

        transmitter.Count.Should().BeGreaterThanOrEqualTo(3);
    }

    [Test]
    public async Task RunAsync_ConnectionRefusedThenTransmitterStarts_Recovers()
    {
        var address = LoopbackServer.RefusingAddress();
        var endpoint = new PollEndpoint(new Uri(address, "poll")) { AllowHttp = true };
        var logs = new LogCollector();
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, Options(endpoint), sink, logs);
        using var stop = new CancellationTokenSource();

        var run = client.RunAsync(stop.Token);
        await WaitForAsync(() => logs.Entries.Count(e => e.Id.Id == 5110) >= 2, "the client retried the refused connection");
        await using var transmitter = await FakeTransmitter.StartAsync(address);
        transmitter.Offer(Set("a"));
        await WaitForAsync(() => sink.Calls == 1, "the client reached the transmitter once it listened");
        stop.Cancel();
        await run.WaitAsync(Patience);

        sink.Accepted.Single().JwtId.Should().Be("a");
    }

    [Test]
    public async Task RunAsync_MaxConsecutiveFailuresReached_ThrowsUnavailableWithLastCause()
    {
        var endpoint = new PollEndpoint(new Uri(LoopbackServer.RefusingAddress(), "poll")) { AllowHttp = true };
        var logs = new LogCollector();
        using var http = NewHttpClient();
        var client = Client(http, Options(endpoint, o => o.MaxConsecutiveFailures = 3), new RecordingSink(), logs);

        var run = () => client.RunAsync(CancellationToken.None).WaitAsync(Patience);

        var thrown = (await run.Should().ThrowAsync<PollException>()).Which;
        thrown.Failure.Should().Be(PollFailure.Unavailable);
        thrown.InnerException.Should().BeOfType<PollException>().Which.InnerException.Should().BeOfType<HttpRequestException>();
        logs.Entries.Count(e => e.Id.Id == 5110).Should().Be(2, "two retries, then the third failure gives up");
    }

    [Test]
    public async Task POLL_09_RunAsync_LongPollHeldTwoSeconds_WaitedForWithoutTimingOut()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Hold = TimeSpan.FromSeconds(20);
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o =>
        {
            o.ReturnImmediately = false;
            o.AttemptTimeout = TimeSpan.FromSeconds(15);
        }), sink);
        using var stop = new CancellationTokenSource();

        var run = client.RunAsync(stop.Token);
        await WaitForAsync(() => transmitter.Count == 1, "the long poll arrived");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var whileHeld = transmitter.Count;
        transmitter.Offer(Set("a"));
        await WaitForAsync(() => sink.Calls == 1, "the held poll returns the SET");
        stop.Cancel();
        await run.WaitAsync(Patience);

        whileHeld.Should().Be(1, "the client waits for the held request instead of polling again");
        transmitter.Requests.First().Json.GetProperty("returnImmediately").GetBoolean().Should().BeFalse();
    }

    [Test]
    public async Task POLL_09_RunAsync_HoldLongerThanAttemptTimeout_AbandonedAndPolledAgain()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Hold = TimeSpan.FromSeconds(20);
        var logs = new LogCollector();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o =>
        {
            o.ReturnImmediately = false;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        }), new RecordingSink(), logs);

        await RunUntilAsync(client, () => transmitter.Count >= 2, "the timed-out poll is repeated");

        logs.Entries.Should().Contain(e => e.Id.Id == 5110 && e.Message.Contains("timed out"));
    }

    [Test]
    public async Task POLL_09_RunAsync_MoreAvailable_PollsAgainAtOnce()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Script = async (poll, context) =>
        {
            if (poll.Number > 1)
            {
                return false;
            }

            await FakeTransmitter.WriteAsync(context, 200, """{"sets":{},"moreAvailable":true}""");
            return true;
        };
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o => o.ShortPollInterval = TimeSpan.FromSeconds(60)), new RecordingSink());
        using var stop = new CancellationTokenSource();

        var run = client.RunAsync(stop.Token);
        await WaitForAsync(() => transmitter.Count == 2, "moreAvailable is followed by another poll without the 60 s pause");
        await Task.Delay(300);
        stop.Cancel();
        await run.WaitAsync(Patience);

        transmitter.Count.Should().Be(2, "the second, empty response is followed by the 60 s pause");
    }

    [Test]
    public async Task POLL_09_RunAsync_SetsReceived_PollsAgainAtOnceWithTheAcks()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o => o.ShortPollInterval = TimeSpan.FromSeconds(60)), new RecordingSink());

        await RunUntilAsync(client, () => transmitter.Count == 2, "the acks go out without the 60 s pause");

        transmitter.Requests.Last().Acks.Should().Equal("a");
    }

    [Test]
    public async Task RunAsync_EmptyShortPoll_PausesShortPollInterval()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o => o.ShortPollInterval = TimeSpan.FromSeconds(1)), new RecordingSink());

        await RunUntilAsync(client, () => transmitter.Count >= 2, "a second short poll");

        var requests = transmitter.Requests.ToArray();
        Between(requests[0], requests[1]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(990));
    }

    [Test]
    public async Task RunAsync_LongPollAnsweredAtOnceWhenEmpty_NotPolledInATightLoop()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Hold = TimeSpan.Zero;
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o =>
        {
            o.ReturnImmediately = false;
            o.ShortPollInterval = TimeSpan.FromSeconds(1);
        }), new RecordingSink());

        await RunUntilAsync(client, () => transmitter.Count >= 2, "a second long poll");

        var requests = transmitter.Requests.ToArray();
        Between(requests[0], requests[1]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900), "the pause counts from the start of the empty poll; a transmitter that does not hold is not polled in a tight loop");
    }
}
