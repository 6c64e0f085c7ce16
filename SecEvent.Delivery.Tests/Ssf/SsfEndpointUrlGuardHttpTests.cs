using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>
/// The connect-time SSRF guard of <see cref="SsfEndpointUrlGuard.CreateHandler(SsfEndpointUrlPolicy)"/> against a real
/// Kestrel server on 127.0.0.1 (SSF-16: the receiver supplies the push <c>endpoint_url</c>).
/// </summary>
public class SsfEndpointUrlGuardHttpTests
{
    private LoopbackServer _server = null!;
    private int _reached;

    [SetUp]
    public async Task StartServer()
    {
        _reached = 0;
        _server = await LoopbackServer.StartAsync(context =>
        {
            Interlocked.Increment(ref _reached);
            if (context.Request.Path == "/redirect")
            {
                context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                context.Response.Headers.Location = "http://127.0.0.1:1/elsewhere";
                return Task.CompletedTask;
            }

            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return Task.CompletedTask;
        });
    }

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    private int Port => _server.BaseAddress.Port;

    [Test]
    public async Task SSF_16_CreateHandler_DefaultPolicy_RefusesLoopbackServer()
    {
        var push = () => PostAsync(SsfEndpointUrlGuard.CreateHandler(new SsfEndpointUrlPolicy()), _server.BaseAddress);

        (await push.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("refused by the SSRF policy");
        _reached.Should().Be(0);
    }

    [TestCase("localhost")]
    [TestCase("[::1]")]
    [TestCase("2130706433")]
    public async Task SSF_16_CreateHandler_DefaultPolicy_RefusesOtherLoopbackSpellings(string host)
    {
        var push = () => PostAsync(SsfEndpointUrlGuard.CreateHandler(new SsfEndpointUrlPolicy()), new Uri($"http://{host}:{Port}/"));

        (await push.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("refused by the SSRF policy");
        _reached.Should().Be(0);
    }

    [Test]
    public async Task SSF_16_CreateHandler_AllowLoopback_ReachesServer()
    {
        using var response = await PostAsync(SsfEndpointUrlGuard.CreateHandler(new SsfEndpointUrlPolicy { AllowLoopback = true }), _server.BaseAddress);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        _reached.Should().Be(1);
    }

    [TestCase("localhost")]
    [TestCase("127.0.0.1")]
    public async Task SSF_16_CreateHandler_AllowedHost_ReachesServerWithoutAddressCheck(string host)
    {
        var policy = new SsfEndpointUrlPolicy { AllowedHosts = { host } };

        // localhost may resolve to ::1 first, where nothing listens: the handler moves on to 127.0.0.1.
        using var response = await PostAsync(SsfEndpointUrlGuard.CreateHandler(policy), new Uri($"http://{host}:{Port}/"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        _reached.Should().Be(1);
    }

    [Test]
    public async Task SSF_16_CreateHandler_NameRebindsToLoopbackAfterCheck_RefusedAtConnect()
    {
        var url = new Uri($"https://receiver.example.com:{Port}/");
        var answers = new Queue<string>(["93.184.215.14", "127.0.0.1"]);
        var resolve = SwitchingResolver(answers);

        var checkedReason = await SsfEndpointUrlGuard.CheckAsync(url.AbsoluteUri, new SsfEndpointUrlPolicy(), resolve);

        // The server speaks plain HTTP; the handler judges addresses, not schemes, so the push goes over http.
        var push = () => PostAsync(SsfEndpointUrlGuard.CreateHandler(new SsfEndpointUrlPolicy(), resolve), new Uri($"http://receiver.example.com:{Port}/"));

        checkedReason.Should().BeNull();
        (await push.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("refused by the SSRF policy");
        answers.Should().BeEmpty();
        _reached.Should().Be(0);
    }

    [TestCase("127.0.0.1")]
    [TestCase("0.0.0.0", "169.254.169.254", "127.0.0.1")]
    public async Task SSF_16_CreateHandler_NameFromInjectedResolver_ConnectsToTheAdmittedAddress(params string[] addresses)
    {
        var resolve = SsfEndpointUrlGuardTests.Resolver(addresses);

        using var response = await PostAsync(
            SsfEndpointUrlGuard.CreateHandler(new SsfEndpointUrlPolicy { AllowLoopback = true }, resolve),
            new Uri($"http://receiver.example.com:{Port}/"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        _reached.Should().Be(1);
    }

    [Test]
    public async Task SSF_16_CreateHandler_UnspecifiedAddress_RefusedEvenWithAllowLoopback()
    {
        // On Linux a connection to 0.0.0.0 reaches the local machine, so this is a real way around a loopback check.
        var resolve = SwitchingResolver(new Queue<string>(["0.0.0.0"]));

        var push = () => PostAsync(
            SsfEndpointUrlGuard.CreateHandler(new SsfEndpointUrlPolicy { AllowLoopback = true }, resolve),
            new Uri($"http://receiver.example.com:{Port}/"));

        (await push.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("refused by the SSRF policy");
        _reached.Should().Be(0);
    }

    [Test]
    public async Task SSF_16_CreateHandler_NameResolvesToNothing_FailsAsRequestError()
    {
        var push = () => PostAsync(
            SsfEndpointUrlGuard.CreateHandler(new SsfEndpointUrlPolicy(), SsfEndpointUrlGuardTests.Resolver()),
            new Uri($"http://receiver.example.com:{Port}/"));

        (await push.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("does not resolve");
    }

    [Test]
    public async Task SSF_16_CreateHandler_Redirect_NotFollowed()
    {
        using var response = await PostAsync(SsfEndpointUrlGuard.CreateHandler(new SsfEndpointUrlPolicy { AllowLoopback = true }), new Uri(_server.BaseAddress, "redirect"));

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        _reached.Should().Be(1);
    }

    [Test]
    public void SSF_16_CreateHandler_NoRedirectsNoProxy()
    {
        using var handler = SsfEndpointUrlGuard.CreateHandler(new SsfEndpointUrlPolicy());

        handler.AllowAutoRedirect.Should().BeFalse();
        handler.UseProxy.Should().BeFalse();
        handler.ConnectCallback.Should().NotBeNull();
    }

    private static async Task<HttpResponseMessage> PostAsync(SocketsHttpHandler handler, Uri url)
    {
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        using var content = new StringContent("set", System.Text.Encoding.ASCII, "application/secevent+jwt");
        return await http.PostAsync(url, content);
    }

    private static Func<string, CancellationToken, ValueTask<IPAddress[]>> SwitchingResolver(Queue<string> answers) =>
        (host, _) =>
        {
            host.Should().Be("receiver.example.com");
            return ValueTask.FromResult(new[] { IPAddress.Parse(answers.Dequeue()) });
        };
}
