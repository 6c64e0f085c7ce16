using System.Diagnostics;
using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;
using static SecEvent.Delivery.Tests.Push.PushTestKit;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>The request, success and transport failures (RFC 8935 §2.1, §2.2; §2, §4 on retransmission).</summary>
[Parallelizable(ParallelScope.All)]
public partial class PushClientTests
{
    [Test]
    public async Task PUSH07_PushAsync_Accepted_SendsExactRequestAndDelivers()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 202));
        using var http = NewHttpClient();
        var client = new PushClient(http, FastOptions());
        const string authorization = "Bearer eyJhbGciOi.JIUzI1NiJ9==  x";

        var result = await client.PushAsync(Set, recipient.Endpoint("Events", authorization));

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.IsDelivered.Should().BeTrue();
        result.Attempts.Should().Be(1);
        result.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var request = recipient.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/Events");
        request.ContentType.Should().Be("application/secevent+jwt");
        request.Accept.Should().Be("application/json");
        request.Body.Should().Be(Set);
        request.Authorization.Should().Be(authorization);
    }

    [Test]
    public async Task PUSH07_PushAsync_NoAuthorizationConfigured_SendsNoAuthorizationHeader()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 202));
        using var http = NewHttpClient();

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint());

        result.IsDelivered.Should().BeTrue();
        recipient.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
    }

    [TestCase(200)]
    [TestCase(201)]
    [TestCase(204)]
    public async Task PUSH09_PushAsync_SuccessOtherThan202_FailedWithoutRetry(int status)
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, status));
        using var http = NewHttpClient();

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Failed);
        result.StatusCode.Should().Be((HttpStatusCode)status);
        result.Attempts.Should().Be(1);
        recipient.Count.Should().Be(1);
    }

    [Test]
    public async Task PUSH06_PushAsync_ConnectionRefusedThenRecipientStarts_Delivered()
    {
        var address = LoopbackServer.RefusingAddress();
        var options = FastOptions();
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(150);
        options.RetryMaxDelay = TimeSpan.FromSeconds(1);
        options.MaxRetryAttempts = 6;
        using var http = NewHttpClient();
        var client = new PushClient(http, options);

        var push = client.PushAsync(Set, Endpoint(address));
        await Task.Delay(250);
        push.IsCompleted.Should().BeFalse("the first attempts were refused and are being retried");
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 202), address);
        var result = await push;

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.Attempts.Should().BeGreaterThan(1);
        recipient.Count.Should().Be(1);
    }

    [Test]
    public async Task PUSH06_PushAsync_ConnectionRefusedThroughout_FailedWithHttpRequestException()
    {
        using var http = NewHttpClient();
        var options = FastOptions();
        options.MaxRetryAttempts = 2;

        var result = await new PushClient(http, options).PushAsync(Set, Endpoint(LoopbackServer.RefusingAddress()));

        result.Outcome.Should().Be(PushOutcome.Failed);
        result.Attempts.Should().Be(3);
        result.StatusCode.Should().BeNull();
        result.Exception.Should().BeOfType<HttpRequestException>();
    }

    [Test]
    public async Task PUSH06_PushAsync_ConnectionResetMidRequest_RetriedAndDelivered()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, n) =>
        {
            if (n == 1)
            {
                c.Abort();
                return Task.CompletedTask;
            }

            return RespondAsync(c, 202);
        });
        using var http = NewHttpClient();

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.Attempts.Should().Be(2);
        recipient.Count.Should().Be(2);
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    [TestCase(408)]
    [TestCase(429)]
    public async Task PUSH06_PushAsync_TransientStatusTwiceThenAccepted_Delivered(int status)
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, n) => RespondAsync(c, n <= 2 ? status : 202));
        using var http = NewHttpClient();

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.Attempts.Should().Be(3);
        recipient.Requests.Select(r => r.Body).Should().AllBe(Set, "every retry re-sends the same SET");
    }

    [Test]
    public async Task PUSH06_PushAsync_TransientStatusThroughout_FailedWithLastStatus()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 503));
        using var http = NewHttpClient();
        var options = FastOptions();
        options.MaxRetryAttempts = 3;

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Failed);
        result.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        result.Exception.Should().BeNull();
        result.Attempts.Should().Be(4);
        recipient.Count.Should().Be(4);
    }

    [Test]
    public async Task PUSH06_PushAsync_429WithRetryAfterSeconds_WaitsThatLong()
    {
        await using var recipient = await ScriptedRecipient.StartAsync(RetryAfterThenAccepted(429, "1"));
        using var http = NewHttpClient();
        var watch = Stopwatch.StartNew();

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.Attempts.Should().Be(2);
        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(950), "Retry-After: 1 beats the 20 ms backoff");
    }

    [Test]
    public async Task PUSH06_PushAsync_503WithRetryAfterDate_WaitsUntilThatDate()
    {
        // HTTP-dates have whole seconds: now + 2 s, truncated, is more than 1 s away.
        var date = TimeProvider.System.GetUtcNow().AddSeconds(2).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        await using var recipient = await ScriptedRecipient.StartAsync(RetryAfterThenAccepted(503, date));
        using var http = NewHttpClient();
        var watch = Stopwatch.StartNew();

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.Attempts.Should().Be(2);
        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(950));
    }

    [Test]
    public async Task PUSH06_PushAsync_ResponseSlowerThanAttemptTimeout_RetriedAndDelivered()
    {
        await using var recipient = await ScriptedRecipient.StartAsync(async (c, n) =>
        {
            if (n == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), c.RequestAborted).ContinueWith(_ => { });
            }

            await RespondAsync(c, 202);
        });
        using var http = NewHttpClient();
        var options = FastOptions();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        var watch = Stopwatch.StartNew();

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.Attempts.Should().Be(2);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(4));
    }

    [Test]
    public async Task PUSH06_PushAsync_TotalTimeoutPasses_FailedWithTimeout()
    {
        await using var recipient = await ScriptedRecipient.StartAsync(async (c, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), c.RequestAborted).ContinueWith(_ => { });
            await RespondAsync(c, 202);
        });
        using var http = NewHttpClient();
        var options = FastOptions();
        options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        options.TotalTimeout = TimeSpan.FromMilliseconds(800);
        options.MaxRetryAttempts = 10;
        var watch = Stopwatch.StartNew();

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Failed);
        result.Exception.Should().BeOfType<Polly.Timeout.TimeoutRejectedException>();
        result.Attempts.Should().BeInRange(1, 3, "attempts of 300 ms fit about twice into 800 ms");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
    }
}
