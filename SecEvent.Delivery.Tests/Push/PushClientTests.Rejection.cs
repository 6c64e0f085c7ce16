using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using static SecEvent.Delivery.Tests.Push.PushTestKit;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>Error responses (RFC 8935 §2.3, §2.4, §4) and other HTTP statuses (§2.3: ordinary HTTP errors).</summary>
public partial class PushClientTests
{
    private static readonly string[] RetryableCodes = ["invalid_key", "access_denied"];

    private static IEnumerable<string> Table1Codes() =>
        Vector("rfc8935-table1-error-codes").EnumerateObject().Select(p => p.Name);

    private static IEnumerable<string> ErrorFigures() =>
        ["rfc8935-fig3-push-error-invalid-key", "rfc8935-fig4-push-error-authentication-failed", "rfc8935-fig5-push-error-invalid-issuer"];

    [TestCaseSource(nameof(Table1Codes))]
    public async Task PUSH13_PushAsync_400WithErr_RejectedWithIt(string code)
    {
        var body = JsonSerializer.Serialize(new { err = code, description = "Refused: " + code });
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 400, body));
        using var http = NewHttpClient();

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Rejected);
        result.ErrorCode.Should().Be(code);
        result.ErrorDescription.Should().Be("Refused: " + code);
        result.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var expectedAttempts = RetryableCodes.Contains(code) ? 3 : 1;
        result.Attempts.Should().Be(expectedAttempts, "only invalid_key and access_denied are retried, RejectionRetryAttempts (2) times");
        recipient.Count.Should().Be(expectedAttempts);
    }

    [TestCaseSource(nameof(ErrorFigures))]
    public async Task PUSH11_PushAsync_RfcErrorFigure_RejectedWithErrAndDescription(string figure)
    {
        var data = Vector(figure);
        var body = data.GetProperty("body");
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, data.GetProperty("status").GetInt32(), body.GetRawText()));
        using var http = NewHttpClient();
        var options = FastOptions();
        options.RejectionRetryAttempts = 0;

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Rejected);
        result.ErrorCode.Should().Be(body.GetProperty("err").GetString());
        result.ErrorDescription.Should().Be(body.GetProperty("description").GetString());
        result.Attempts.Should().Be(1);
    }

    [Test]
    public async Task PUSH14_PushAsync_InvalidKeyThenAccepted_DeliveredAfterSlowRetry()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, n) =>
            n == 1 ? RespondAsync(c, 400, """{"err":"invalid_key","description":"Key ID 12345 has been revoked."}""") : RespondAsync(c, 202));
        using var http = NewHttpClient();
        var options = FastOptions();
        options.RejectionRetryDelay = TimeSpan.FromMilliseconds(400);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.Attempts.Should().Be(2);
        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(350), "the rejection retry waits RejectionRetryDelay");
    }

    [Test]
    public async Task PUSH14_PushAsync_RetryableCodesConfigured_OnlyThoseRetried()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 400, """{"err":"invalid_key","description":"x"}"""));
        using var http = NewHttpClient();
        var options = FastOptions();
        options.RetryableErrorCodes.Clear();

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Rejected);
        result.Attempts.Should().Be(1);
    }

    [TestCase("<html><body>Bad Request</body></html>")]
    [TestCase("")]
    [TestCase("[\"invalid_key\"]")]
    [TestCase("{\"err\":42,\"description\":\"not a code\"}")]
    [TestCase("{\"err\":\"bad code!\\n\",\"description\":\"injected\"}")]
    public async Task PUSH11_PushAsync_400WithoutParsableErr_RejectedWithoutErr(string body)
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 400, body));
        using var http = NewHttpClient();

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Rejected);
        result.ErrorCode.Should().BeNull();
        result.Attempts.Should().Be(1);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task PUSH11_PushAsync_400WithEndlessBody_ReadIsBounded(bool declaredLength)
    {
        await using var recipient = await ScriptedRecipient.StartAsync(async (c, _) =>
        {
            c.Response.StatusCode = 400;
            c.Response.ContentType = "application/json";
            if (declaredLength)
            {
                c.Response.ContentLength = 256L * 1024 * 1024;
            }

            var chunk = System.Text.Encoding.UTF8.GetBytes("{\"err\":\"invalid_request\",\"description\":\"" + new string('x', 64 * 1024));
            try
            {
                for (var i = 0; i < 4096 && !c.RequestAborted.IsCancellationRequested; i++)
                {
                    await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
            }
        });
        using var http = NewHttpClient();
        var options = FastOptions();
        options.MaxErrorBodyBytes = 1024;
        options.AttemptTimeout = TimeSpan.FromSeconds(3);
        options.MaxRetryAttempts = 0;

        var result = await new PushClient(http, options).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Rejected, "reading 256 MiB would outlast the attempt timeout");
        result.ErrorCode.Should().BeNull("a truncated body is not parsed");
        result.Attempts.Should().Be(1);
    }

    [TestCase(401)]
    [TestCase(403)]
    [TestCase(404)]
    [TestCase(405)]
    [TestCase(413)]
    [TestCase(415)]
    public async Task PUSH10_PushAsync_Other4xx_FailedWithoutRetry(int status)
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, status));
        using var http = NewHttpClient();

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Failed);
        result.StatusCode.Should().Be((HttpStatusCode)status);
        result.Exception.Should().BeNull();
        result.Attempts.Should().Be(1);
        recipient.Count.Should().Be(1);
    }

    [TestCase(301)]
    [TestCase(302)]
    [TestCase(307)]
    [TestCase(308)]
    public async Task PUSH07_PushAsync_Redirect_NotFollowed(int status)
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) =>
        {
            if (c.Request.Path == "/moved")
            {
                return RespondAsync(c, 202);
            }

            c.Response.Headers.Location = "/moved";
            return RespondAsync(c, status);
        });
        using var http = NewHttpClient();

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, recipient.Endpoint());

        result.Outcome.Should().Be(PushOutcome.Failed);
        result.StatusCode.Should().Be((HttpStatusCode)status);
        recipient.Requests.Should().ContainSingle().Which.Path.Should().Be("/events");
    }

    [Test]
    public async Task PUSH16_PushAsync_HttpWithoutAllowHttp_Refused()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, _) => RespondAsync(c, 202));
        using var http = NewHttpClient();
        var endpoint = new PushEndpoint(new Uri(recipient.Server.BaseAddress, "events"));

        var push = () => new PushClient(http, FastOptions()).PushAsync(Set, endpoint);

        await push.Should().ThrowAsync<ArgumentException>().WithMessage("*TLS*");
        recipient.Count.Should().Be(0);
    }

    [Test]
    public void PUSH16_PushEndpoint_ToString_NeverShowsAuthorization()
    {
        var endpoint = new PushEndpoint(new Uri("https://rp.example.com/Events")) { AuthorizationHeader = "Bearer s3cr3t" };

        endpoint.ToString().Should().Be("https://rp.example.com/Events").And.NotContain("s3cr3t");
    }

    [TestCase("ftp://rp.example.com/events")]
    [TestCase("/events")]
    public void PUSH07_PushEndpoint_NotHttpUri_Throws(string uri)
    {
        var create = () => new PushEndpoint(new Uri(uri, UriKind.RelativeOrAbsolute));

        create.Should().Throw<ArgumentException>();
    }
}
