using System.Text;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Logout;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Logout;

/// <summary><see cref="BackChannelLogoutReceiver"/>: the RP endpoint of §2.5–§2.8, without an HTTP server.</summary>
public class BackChannelLogoutReceiverTests
{
    private const string FormType = "application/x-www-form-urlencoded";

    [Test]
    public async Task ReceiveAsync_OpCreatesAndPosts_CallbackSeesSubAndSidAnd200BCL07BCL09BCL10()
    {
        // OP side: create the token and the form body.
        var op = new LogoutTokenHandler(new ManualTimeProvider(Some.Now));
        var descriptor = LogoutTokens.Descriptor();
        descriptor.SigningCredentials = Some.Credentials("ES256");
        var body = Encoding.UTF8.GetBytes(BackChannelLogoutRequest.CreateBody(op.CreateToken(descriptor)));

        // RP side: the receiver with the OP's public key.
        var seen = new List<LogoutToken>();
        var receiver = new BackChannelLogoutReceiver(
            new LogoutTokenHandler(new ManualTimeProvider(Some.Now.AddSeconds(5))),
            LogoutTokens.Parameters(p =>
            {
                p.SigningKeys = [Some.PublicOf(Some.EcKey)];
                p.ValidAlgorithms = ["ES256"];
            }),
            (token, _) =>
            {
                seen.Add(token);
                return ValueTask.FromResult<LogoutError?>(null);
            });

        var response = await receiver.ReceiveAsync(BackChannelLogoutRequest.MediaType + "; charset=utf-8", body);

        response.StatusCode.Should().Be(200);
        response.Headers.Should().Contain(new KeyValuePair<string, string>("Cache-Control", "no-store"));
        response.Body.IsEmpty.Should().BeTrue();
        seen.Should().ContainSingle();
        seen[0].Issuer.Should().Be(LogoutTokens.Issuer);
        seen[0].Subject.Should().Be(LogoutTokens.Subject);
        seen[0].SessionId.Should().Be(LogoutTokens.SessionId);
    }

    [Test]
    public async Task ReceiveAsync_UserAlreadyLoggedOut_SuccessBCL09()
    {
        var receiver = Receiver((_, _) => ValueTask.FromResult<LogoutError?>(null));

        (await receiver.ReceiveAsync(FormType, Body())).StatusCode.Should().Be(200);
    }

    [TestCase(null)]
    [TestCase("application/json")]
    [TestCase("application/logout+jwt")]
    [TestCase("text/plain")]
    public async Task ReceiveAsync_WrongOrMissingContentType_400BCL07BCL10(string? contentType)
    {
        var called = false;
        var receiver = Receiver((_, _) =>
        {
            called = true;
            return ValueTask.FromResult<LogoutError?>(null);
        });

        var response = await receiver.ReceiveAsync(contentType, Body());

        AssertBadRequest(response).Should().Contain("application/x-www-form-urlencoded");
        called.Should().BeFalse();
    }

    [TestCase("")]
    [TestCase("foo=bar")]
    [TestCase("logout_token=a&logout_token=a")]
    [TestCase("logout_token=%G0")]
    public async Task ReceiveAsync_MalformedForm_400BCL07BCL10(string body)
    {
        var response = await Receiver().ReceiveAsync(FormType, Encoding.UTF8.GetBytes(body));

        AssertBadRequest(response);
    }

    [Test]
    public async Task ReceiveAsync_BodyOverTheBound_400BCL07()
    {
        var receiver = new BackChannelLogoutReceiver(LogoutTokens.Handler(), LogoutTokens.Parameters(), (_, _) => ValueTask.FromResult<LogoutError?>(null))
        {
            MaximumBodySize = 64,
        };

        AssertBadRequest(await receiver.ReceiveAsync(FormType, Body())).Should().Contain("larger than 64");
    }

    [Test]
    public async Task ReceiveAsync_InvalidToken_400WithoutEchoingTheTokenBCL08BCL10()
    {
        var token = LogoutTokens.Hs256(LogoutTokens.Payload("\"nonce\":\"n\""));
        var called = false;
        var receiver = Receiver((_, _) =>
        {
            called = true;
            return ValueTask.FromResult<LogoutError?>(null);
        });

        var response = await receiver.ReceiveAsync(FormType, Encoding.UTF8.GetBytes(BackChannelLogoutRequest.CreateBody(token)));

        AssertBadRequest(response).Should().Contain("nonce");
        Encoding.UTF8.GetString(response.Body.Span).Should().NotContain(token).And.NotContain(RawToken.Split(token).Payload);
        response.ToString().Should().NotContain(token);
        called.Should().BeFalse();
    }

    [Test]
    public async Task ReceiveAsync_ReplayedToken_Second400BCL08()
    {
        var parameters = LogoutTokens.Parameters(p => p.ReplayCache = new InMemorySecurityEventReplayCache(TimeSpan.FromMinutes(5)));
        var receiver = new BackChannelLogoutReceiver(LogoutTokens.Handler(), parameters, (_, _) => ValueTask.FromResult<LogoutError?>(null));

        (await receiver.ReceiveAsync(FormType, Body())).StatusCode.Should().Be(200);
        AssertBadRequest(await receiver.ReceiveAsync(FormType, Body())).Should().Contain("replay");
    }

    [Test]
    public async Task ReceiveAsync_CallbackReportsFailure_400WithItsErrorBCL10()
    {
        var receiver = Receiver((_, _) => ValueTask.FromResult<LogoutError?>(new LogoutError("invalid_request", "Session store unavailable.")));

        AssertBadRequest(await receiver.ReceiveAsync(FormType, Body())).Should().Be("Session store unavailable.");
    }

    [Test]
    public async Task ReceiveAsync_CallbackThrows_400AndExceptionKeptBCL10()
    {
        var failure = new InvalidOperationException("secret connection string");
        var receiver = Receiver((_, _) => throw failure);

        var response = await receiver.ReceiveAsync(FormType, Body());

        AssertBadRequest(response).Should().NotContain("secret");
        response.Exception.Should().BeSameAs(failure);
    }

    [Test]
    public async Task ReceiveAsync_CancelledDuringCallback_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        var receiver = Receiver((_, ct) =>
        {
            cancellation.Cancel();
            ct.ThrowIfCancellationRequested();
            return ValueTask.FromResult<LogoutError?>(null);
        });

        await FluentActions.Awaiting(() => receiver.ReceiveAsync(FormType, Body(), cancellation.Token).AsTask())
            .Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public void Constructor_NullArguments_Throw()
    {
        FluentActions.Invoking(() => new BackChannelLogoutReceiver(null!, LogoutTokens.Parameters(), (_, _) => default)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new BackChannelLogoutReceiver(LogoutTokens.Handler(), null!, (_, _) => default)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new BackChannelLogoutReceiver(LogoutTokens.Handler(), LogoutTokens.Parameters(), null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new BackChannelLogoutReceiver(LogoutTokens.Handler(), LogoutTokens.Parameters(), (_, _) => default) { MaximumBodySize = 0 })
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    private static byte[] Body() => Encoding.UTF8.GetBytes("foo=1&" + BackChannelLogoutRequest.CreateBody(LogoutTokens.Hs256()) + "&bar=2");

    private static BackChannelLogoutReceiver Receiver(Func<LogoutToken, CancellationToken, ValueTask<LogoutError?>>? logout = null) =>
        new(LogoutTokens.Handler(), LogoutTokens.Parameters(), logout ?? ((_, _) => ValueTask.FromResult<LogoutError?>(null)));

    /// <summary>Asserts 400, <c>Cache-Control: no-store</c> and the OAuth JSON body; returns <c>error_description</c>.</summary>
    private static string AssertBadRequest(BackChannelLogoutResponse response)
    {
        response.StatusCode.Should().Be(400);
        response.Headers.Should().Contain(new KeyValuePair<string, string>("Cache-Control", "no-store"));
        using var json = JsonDocument.Parse(response.Body);
        json.RootElement.GetProperty("error").GetString().Should().Be("invalid_request");
        return json.RootElement.GetProperty("error_description").GetString()!;
    }
}
