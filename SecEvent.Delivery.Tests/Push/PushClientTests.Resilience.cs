using FluentAssertions;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using Polly.CircuitBreaker;
using SecEvent.Delivery.Push;
using static SecEvent.Delivery.Tests.Push.PushTestKit;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>Cancellation and the per-endpoint circuit breaker (RFC 8935 §2: no retransmission when it cannot help).</summary>
public partial class PushClientTests
{
    [Test]
    public async Task PUSH06_PushAsync_CancelledDuringRetryDelay_ThrowsAndSendsNoMore()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) =>
        {
            c.Response.Headers.RetryAfter = "1";
            return RespondAsync(c, 503);
        });
        using var http = NewHttpClient();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var push = () => new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint(), cancellation.Token);

        await push.Should().ThrowAsync<OperationCanceledException>();
        await Task.Delay(1300);
        recipient.Count.Should().Be(1);
    }

    [Test]
    public async Task PUSH06_PushAsync_CancelledDuringAttempt_ThrowsAndSendsNoMore()
    {
        await using var recipient = await ScriptedRecipient.StartAsync(async (c, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), c.RequestAborted).ContinueWith(_ => { });
            await RespondAsync(c, 202);
        });
        using var http = NewHttpClient();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var push = () => new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint(), cancellation.Token);

        await push.Should().ThrowAsync<OperationCanceledException>();
        await Task.Delay(300);
        recipient.Count.Should().Be(1);
    }

    [Test]
    public async Task PUSH06_PushAsync_AlreadyCancelled_SendsNothing()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 202));
        using var http = NewHttpClient();

        var push = () => new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint(), new CancellationToken(true));

        await push.Should().ThrowAsync<OperationCanceledException>();
        recipient.Count.Should().Be(0);
    }

    [Test]
    public async Task PUSH06_PushAsync_RepeatedFailures_OpenCircuitOfThatEndpointOnly()
    {
        await using var failing = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 500));
        await using var healthy = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 202));
        using var http = NewHttpClient();
        var options = FastOptions();
        options.MaxRetryAttempts = 5;
        options.CircuitBreakerMinimumThroughput = 3;
        options.CircuitBreakerFailureRatio = 1.0;
        options.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);
        var client = new PushClient(http, options);

        var first = await client.PushAsync(Set, failing.Endpoint());
        var second = await client.PushAsync(Set, failing.Endpoint());
        var other = await client.PushAsync(Set, healthy.Endpoint());

        first.Outcome.Should().Be(PushOutcome.Failed);
        first.Exception.Should().BeOfType<BrokenCircuitException>("the circuit opened after 3 failures and an open circuit is not retried");
        first.Attempts.Should().Be(3);
        second.Outcome.Should().Be(PushOutcome.Failed);
        second.Exception.Should().BeOfType<BrokenCircuitException>();
        second.Attempts.Should().Be(0);
        failing.Count.Should().Be(3);
        other.Outcome.Should().Be(PushOutcome.Delivered, "another endpoint has its own circuit");
    }

    [Test]
    public async Task PUSH06_PushAsync_SameUriOtherAuthorization_HasItsOwnCircuit()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) =>
            RespondAsync(c, c.Request.Headers.Authorization == "Bearer a" ? 500 : 202));
        using var http = NewHttpClient();
        var options = FastOptions();
        options.MaxRetryAttempts = 3;
        options.CircuitBreakerMinimumThroughput = 2;
        options.CircuitBreakerFailureRatio = 1.0;
        var client = new PushClient(http, options);

        var broken = await client.PushAsync(Set, recipient.Endpoint(authorization: "Bearer a"));
        var other = await client.PushAsync(Set, recipient.Endpoint(authorization: "Bearer b"));

        broken.Exception.Should().BeOfType<BrokenCircuitException>();
        other.Outcome.Should().Be(PushOutcome.Delivered);
    }

    [Test]
    public async Task PUSH14_PushAsync_Rejections_DoNotOpenTheCircuit()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 400, """{"err":"invalid_issuer","description":"x"}"""));
        using var http = NewHttpClient();
        var options = FastOptions();
        options.CircuitBreakerMinimumThroughput = 2;
        options.CircuitBreakerFailureRatio = 0.5;
        var client = new PushClient(http, options);

        for (var i = 0; i < 4; i++)
        {
            (await client.PushAsync(Set, recipient.Endpoint())).Outcome.Should().Be(PushOutcome.Rejected);
        }

        recipient.Count.Should().Be(4);
    }

    [Test]
    public async Task PushAsync_CustomPipelineFactory_IsUsedOncePerEndpoint()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, n) => RespondAsync(c, n == 1 ? 503 : 202));
        using var http = NewHttpClient();
        var built = 0;
        var options = FastOptions();
        options.PipelineFactory = _ =>
        {
            Interlocked.Increment(ref built);
            return Polly.ResiliencePipeline<HttpResponseMessage>.Empty;
        };
        var client = new PushClient(http, options);

        var first = await client.PushAsync(Set, recipient.Endpoint());
        var second = await client.PushAsync(Set, recipient.Endpoint());

        first.Outcome.Should().Be(PushOutcome.Failed, "the empty pipeline does not retry");
        second.Outcome.Should().Be(PushOutcome.Delivered);
        built.Should().Be(1);
    }

    [Test]
    public void PushClient_InvalidOptions_Throws()
    {
        using var http = NewHttpClient();
        var options = FastOptions();
        options.CircuitBreakerFailureRatio = 0;

        var create = () => new PushClient(http, options);

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(PushClientOptions.CircuitBreakerFailureRatio));
    }
}
