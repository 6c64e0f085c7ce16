using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using static SecEvent.Delivery.Tests.Push.PushTestKit;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>How long the client waits: Retry-After never undercut, budgets per kind of failure, the total timeout (RFC 8935 §4).</summary>
public partial class PushClientTests
{
    [Test]
    public async Task PUSH06_PushAsync_RetryAfterBeyondMaxRetryAfter_FailsAtOnceAndReportsWhenToRetry()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) =>
        {
            c.Response.Headers.RetryAfter = "86400";
            return RespondAsync(c, 429);
        });
        using var http = NewHttpClient();
        var options = FastOptions();
        options.MaxRetryAfter = TimeSpan.FromMilliseconds(300);
        var watch = Stopwatch.StartNew();

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Failed);
        result.StatusCode.Should().Be(System.Net.HttpStatusCode.TooManyRequests);
        result.Attempts.Should().Be(1, "retrying before the recipient's Retry-After would undercut it");
        result.RetryAfter.Should().BeCloseTo(DateTimeOffset.UtcNow.AddDays(1), TimeSpan.FromSeconds(30));
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Test]
    public async Task PUSH06_PushAsync_NoRetriesAllowed_StillReportsWhenToRetry()
    {
        await using var recipient = await ScriptedRecipient.StartAsync(RetryAfterThenAccepted(503, "120"));
        using var http = NewHttpClient();
        var options = FastOptions();
        options.MaxRetryAttempts = 0;
        options.RejectionRetryAttempts = 0;

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Failed);
        recipient.Count.Should().Be(1);
        result.RetryAfter.Should().BeCloseTo(DateTimeOffset.UtcNow.AddMinutes(2), TimeSpan.FromSeconds(10), "an outbox retrying later must not undercut it");
    }

    [Test]
    public async Task PUSH06_PushAsync_RetryAfterBeyondTotalTimeout_NotWaitedFor()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) =>
        {
            c.Response.Headers.RetryAfter = "3";
            return RespondAsync(c, 503);
        });
        using var http = NewHttpClient();
        var options = FastOptions();
        options.TotalTimeout = TimeSpan.FromSeconds(2);
        var watch = Stopwatch.StartNew();

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Failed);
        result.Attempts.Should().Be(1);
        result.RetryAfter.Should().BeCloseTo(DateTimeOffset.UtcNow.AddSeconds(3), TimeSpan.FromSeconds(2));
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1.5), "a wait that ends past the total timeout is not begun");
    }

    [Test]
    public async Task PUSH06_PushAsync_BackoffPastTotalTimeout_EndsWithLastCause()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 503));
        using var http = NewHttpClient();
        var options = FastOptions();
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(600);
        options.RetryMaxDelay = TimeSpan.FromSeconds(10);
        options.TotalTimeout = TimeSpan.FromSeconds(1.5);
        var watch = Stopwatch.StartNew();

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Failed);
        result.StatusCode.Should().Be(System.Net.HttpStatusCode.ServiceUnavailable, "the last cause, not a timeout");
        result.Exception.Should().BeNull();
        result.Attempts.Should().Be(2, "600 ms fits into 1.5 s, the next 1.2 s does not");
        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(550)).And.BeLessThan(TimeSpan.FromSeconds(1.5));
    }

    [Test]
    public async Task PUSH06_PushAsync_DeliveredAfter429_NoRetryAfterReported()
    {
        await using var recipient = await ScriptedRecipient.StartAsync(RetryAfterThenAccepted(429, "0"));
        using var http = NewHttpClient();

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.Attempts.Should().Be(2);
        result.RetryAfter.Should().BeNull();
    }

    [Test]
    public async Task PUSH14_PushAsync_InvalidKeyWithLongerRetryAfter_WaitsForRetryAfter()
    {
        await using var recipient = await ScriptedRecipient.StartAsync(
            RetryAfterThenAccepted(400, "1", """{"err":"invalid_key","description":"Unknown kid."}"""));
        using var http = NewHttpClient();
        var watch = Stopwatch.StartNew();

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.Attempts.Should().Be(2);
        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(950), "Retry-After: 1 beats the 50 ms rejection delay");
    }

    [Test]
    public async Task PUSH14_PushAsync_TransientAndRejectionFailuresInterleaved_EachKindHasItsOwnBudget()
    {
        const string invalidKey = """{"err":"invalid_key","description":"Unknown kid."}""";
        await using var recipient = await ScriptedRecipient.StartAsync((c, n) => n switch
        {
            1 or 3 => RespondAsync(c, 503),
            2 or 4 => RespondAsync(c, 400, invalidKey),
            _ => RespondAsync(c, 202),
        });
        using var http = NewHttpClient();
        var options = FastOptions();
        options.MaxRetryAttempts = 2;
        options.RejectionRetryAttempts = 2;

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.Attempts.Should().Be(5, "two transient retries and two rejection retries, neither budget exceeded");
    }

    [Test]
    public async Task PUSH14_PushAsync_RejectionBudgetSpent_RejectedEvenWithTransientBudgetLeft()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 400, """{"err":"access_denied","description":"x"}"""));
        using var http = NewHttpClient();
        var options = FastOptions();
        options.MaxRetryAttempts = 10;
        options.RejectionRetryAttempts = 1;

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Rejected);
        result.ErrorCode.Should().Be("access_denied");
        result.Attempts.Should().Be(2);
    }

    [Test]
    public async Task PUSH08_PushAsync_AcceptLanguageConfigured_SentWithEveryAttempt()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, n) => RespondAsync(c, n == 1 ? 503 : 202));
        using var http = NewHttpClient();
        var options = FastOptions();
        options.AcceptLanguage = "de-CH, de;q=0.8, en;q=0.5";

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Delivered);
        recipient.Requests.Select(r => r.AcceptLanguage).Should().Equal("de-CH, de;q=0.8, en;q=0.5", "de-CH, de;q=0.8, en;q=0.5");
    }

    [Test]
    public async Task PUSH08_PushAsync_NoAcceptLanguageConfigured_NoneSent()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 202));
        using var http = NewHttpClient();

        await new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint());

        recipient.Requests.Should().ContainSingle().Which.AcceptLanguage.Should().BeNull();
    }

    [TestCase("")]
    [TestCase("en\r\nX-Injected: 1")]
    [TestCase("en;q=2,,")]
    public void PUSH08_Constructor_MalformedAcceptLanguage_Refused(string value)
    {
        using var http = NewHttpClient();
        var options = FastOptions();
        options.AcceptLanguage = value;

        var construct = () => new PushClient(http, options);

        construct.Should().Throw<ArgumentException>().WithParameterName("AcceptLanguage");
    }
}
