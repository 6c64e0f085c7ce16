using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>Retries, Retry-After, timeouts and lost connections against the Kestrel stub (OpenID SSF 1.0 §8.1; RFC 9110 §10.2.3).</summary>
[Parallelizable(ParallelScope.All)]
public class SsfStreamClientResilienceTests
{
    private static readonly KeyValuePair<string, string>[] RetryAfterOneSecond = [new("Retry-After", "1")];

    [Test]
    public async Task SSF_37_Verify_429WithRetryAfter_SentAgainNoSoonerThanAsked()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("POST /ssf/verify", new StubAnswer(429, null, null, RetryAfterOneSecond));
        var client = await h.ClientAsync();

        await client.RequestVerificationAsync(new SsfVerificationRequest { StreamId = SsfTransmitterStub.FigureStreamId, State = "s" });

        var sent = h.Stub.Management();
        sent.Should().HaveCount(2);
        (sent[1].ReceivedAt - sent[0].ReceivedAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
        sent[1].Body.Should().Be(sent[0].Body);
    }

    [Test]
    public async Task SSF_33_AddSubject_429WithRetryAfterBeyondLongestWait_NotRetried_WaitReported()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("POST /ssf/subjects:add", new StubAnswer(429, null, null, [new("Retry-After", "120")]));
        var client = await h.ClientAsync(o => o.RetryMaxDelay = TimeSpan.FromSeconds(5));

        var add = () => SsfStreamClientErrorTests.Call(client, SsfStreamOperation.AddSubject);

        var thrown = (await add.Should().ThrowAsync<SsfStreamException>()).Which;
        thrown.Meaning.Should().Be(SsfStatusMeaning.TooManyRequests);
        thrown.RetryAfter.Should().Be(TimeSpan.FromSeconds(120));
        h.Stub.Management().Should().ContainSingle();
    }

    [Test]
    public async Task SSF_24_Create_503ThenCreated_SentAgain()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("POST /ssf/stream", new StubAnswer(503, null, null));
        var client = await h.ClientAsync();

        var stream = await client.CreateStreamAsync(new SsfStreamRequest());

        stream.StreamId.Should().Be(SsfTransmitterStub.FigureStreamId);
        h.Stub.Management().Should().HaveCount(2);
    }

    [TestCase(SsfStreamOperation.Create)]
    [TestCase(SsfStreamOperation.Verify)]
    public async Task SSF_24_37_ConnectionResetOrServerError_NotRepeatedWhereRepeatingCouldDoubleTheEffect(SsfStreamOperation operation)
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script(SsfTransmitterStub.Route(operation), new StubAnswer(0, null, null, Abort: true), new StubAnswer(500, null, null));
        var client = await h.ClientAsync();

        var first = () => SsfStreamClientErrorTests.Call(client, operation);
        var second = () => SsfStreamClientErrorTests.Call(client, operation);

        (await first.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.Unavailable);
        (await second.Should().ThrowAsync<SsfStreamException>()).Which.StatusCode.Should().Be(500);
        h.Stub.Management().Should().HaveCount(2);
    }

    [TestCase(SsfStreamOperation.Read)]
    [TestCase(SsfStreamOperation.Replace)]
    [TestCase(SsfStreamOperation.Delete)]
    [TestCase(SsfStreamOperation.AddSubject)]
    public async Task SSF_25_34_ConnectionResetThenServerError_SafeOperationSentAgainUntilItSucceeds(SsfStreamOperation operation)
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script(SsfTransmitterStub.Route(operation), new StubAnswer(0, null, null, Abort: true), new StubAnswer(502, null, null));
        var client = await h.ClientAsync();

        await SsfStreamClientErrorTests.Call(client, operation);

        h.Stub.Management().Should().HaveCount(3);
    }

    [Test]
    public async Task SSF_25_Read_ServerErrorsBeyondMaxRetries_FailsWithLastStatus()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("GET /ssf/stream", new StubAnswer(503, null, null), new StubAnswer(503, null, null), new StubAnswer(503, null, null));
        var client = await h.ClientAsync(o => o.MaxRetries = 2);

        var read = () => client.GetStreamsAsync();

        (await read.Should().ThrowAsync<SsfStreamException>()).Which.StatusCode.Should().Be(503);
        h.Stub.Management().Should().HaveCount(3);
    }

    [Test]
    public async Task SSF_30_ReadStatus_TransmitterTooSlow_TimesOutAsUnavailable()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("GET /ssf/status", new StubAnswer(200, "{}", Delay: TimeSpan.FromSeconds(30)));
        var client = await h.ClientAsync(o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 0;
        });

        var read = () => client.GetStatusAsync(SsfTransmitterStub.FigureStreamId);

        var thrown = (await read.Should().ThrowAsync<SsfStreamException>()).Which;
        thrown.Failure.Should().Be(SsfStreamFailure.Unavailable);
        thrown.StatusCode.Should().BeNull();
    }

    [Test]
    public async Task SSF_30_ReadStatus_TransmitterDown_UnavailableAfterRetries()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();
        await h.Stub.StopAsync();

        var read = () => client.GetStatusAsync(SsfTransmitterStub.FigureStreamId);

        (await read.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.Unavailable);
    }

    [Test]
    public async Task SSF_25_Read_CallerCancels_OperationCanceled_NotRetried()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("GET /ssf/stream", new StubAnswer(200, "[]", Delay: TimeSpan.FromSeconds(30)));
        var client = await h.ClientAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var read = () => client.GetStreamsAsync(cancel.Token);

        await read.Should().ThrowAsync<OperationCanceledException>();
        h.Stub.Management().Should().ContainSingle();
    }

    [Test]
    public async Task SSF_22_GetAuthorization_Throws_UnavailableAndNothingSent()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync(o =>
        {
            o.MaxRetries = 0;
            o.GetAuthorization = _ => throw new InvalidOperationException("token endpoint down");
        });

        var read = () => client.GetStreamsAsync();

        var thrown = (await read.Should().ThrowAsync<SsfStreamException>()).Which;
        thrown.Failure.Should().Be(SsfStreamFailure.Unavailable);
        thrown.InnerException.Should().BeOfType<InvalidOperationException>();
        h.Stub.Management().Should().BeEmpty();
    }

    [Test]
    public async Task SSF_25_Read_RedirectFollowedByTheHandler_Refused()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("GET /ssf/stream", new StubAnswer(302, null, null, [new("Location", "/elsewhere")]));
        var client = await h.ClientAsync(o => o.MaxRetries = 0);

        var read = () => client.GetStreamsAsync();

        (await read.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.InvalidResponse);
        h.Stub.Requests.Select(r => r.Target).Should().Contain("/elsewhere");
    }

    [Test]
    public async Task SSF_22_Logs_NameOperationAndCause_NeverAuthorizationOrBody()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("GET /ssf/stream", new StubAnswer(503, """{"secret":"do-not-log"}"""), new StubAnswer(403, """{"secret":"do-not-log"}"""));
        using var logs = new LogCollector();
        var client = await h.ClientAsync(logs: logs);

        var read = () => client.GetStreamsAsync();

        await read.Should().ThrowAsync<SsfStreamException>();
        logs.Entries.Select(e => e.Id.Id).Should().Equal(6052, 6051);
        logs.Entries.Last().Message.Should().Contain("Read").And.Contain("403");
        logs.Entries.Should().NotContain(e => e.Message.Contains("do-not-log", StringComparison.Ordinal)
            || e.Message.Contains("eyJ0b2tlbiI6ImV4YW1wbGUifQo", StringComparison.Ordinal));
    }
}
