using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Push;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>Discovery (OpenID SSF 1.0 §7.2, SSF-18…SSF-21) against a real Kestrel transmitter on 127.0.0.1.</summary>
public class SsfDiscoveryTests
{
    private const string SsfPath = "/.well-known/ssf-configuration";
    private const string RiscPath = "/.well-known/risc-configuration";
    private static readonly X509Certificate2 Certificate = TestCertificates.Loopback();

    [TestCase("")]
    [TestCase("/issuer1")]
    public async Task SSF_18_Discover_Figure19_ServedAtWellKnownLocation_Returned(string issuerPath)
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer(issuerPath);
        var body = Figure19(issuer);
        stub.Answers[SsfPath + issuerPath] = new Answer(200, "application/json", body);
        using var http = new HttpClient();

        var metadata = await Discovery(http, allowHttp: true).DiscoverAsync(new Uri(issuer));

        stub.Requests.Should().Equal($"GET {SsfPath}{issuerPath}");
        metadata.Issuer.Should().Be(issuer);
        using var expected = JsonDocument.Parse(body);
        using var written = JsonDocument.Parse(metadata.ToUtf8Json());
        JsonElement.DeepEquals(expected.RootElement, written.RootElement).Should().BeTrue();
    }

    [Test]
    public async Task SSF_18_Discover_IssuerWithTrailingSlash_SlashRemovedBeforeFetchAndCompare()
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer("/issuer1");
        stub.Answers[SsfPath + "/issuer1"] = new Answer(200, "application/json", Figure19(issuer));
        using var http = new HttpClient();

        var metadata = await Discovery(http, allowHttp: true).DiscoverAsync(new Uri(issuer + "/"));

        stub.Requests.Should().Equal($"GET {SsfPath}/issuer1");
        metadata.Issuer.Should().Be(issuer);
    }

    [Test]
    public async Task SSF_18_Discover_OverHttps_WithoutAllowHttp_Returned()
    {
        await using var stub = await Stub.StartAsync(Certificate);
        var issuer = stub.Issuer();
        issuer.Should().StartWith("https://");
        stub.Answers[SsfPath] = new Answer(200, "application/json", Figure19(issuer));
        using var http = TrustingClient();

        var metadata = await Discovery(http, allowHttp: false).DiscoverAsync(new Uri(issuer));

        metadata.JwksUri.Should().Be(issuer + "/jwks.json");
    }

    [Test]
    public async Task SSF_18_Discover_HttpEndpointInHttpsConfiguration_Refused()
    {
        await using var stub = await Stub.StartAsync(Certificate);
        var issuer = stub.Issuer();
        var body = Figure19(issuer).Replace($"\"{issuer}/ssf/mgmt/status\"", "\"http://tr.example.com/ssf/mgmt/status\"", StringComparison.Ordinal);
        body.Should().Contain("http://tr.example.com/ssf/mgmt/status");
        stub.Answers[SsfPath] = new Answer(200, "application/json", body);
        using var http = TrustingClient();

        var discover = () => Discovery(http, allowHttp: false).DiscoverAsync(new Uri(issuer));

        (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which.Failure.Should().Be(SsfDiscoveryFailure.InsecureEndpoint);
    }

    [Test]
    public async Task SSF_18_Discover_HttpJwksUriInHttpsConfiguration_Refused()
    {
        await using var stub = await Stub.StartAsync(Certificate);
        var issuer = stub.Issuer();
        var body = Figure19(issuer).Replace($"\"{issuer}/jwks.json\"", "\"http://tr.example.com/jwks.json\"", StringComparison.Ordinal);
        stub.Answers[SsfPath] = new Answer(200, "application/json", body);
        using var http = TrustingClient();

        var discover = () => Discovery(http, allowHttp: false).DiscoverAsync(new Uri(issuer));

        (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which.Failure.Should().Be(SsfDiscoveryFailure.InsecureEndpoint);
    }

    [Test]
    public async Task SSF_18_Discover_HttpIssuerWithoutAllowHttp_RefusedBeforeAnyRequest()
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer();
        stub.Answers[SsfPath] = new Answer(200, "application/json", Figure19(issuer));
        using var http = new HttpClient();

        var discover = () => Discovery(http, allowHttp: false).DiscoverAsync(new Uri(issuer));

        (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which.Failure.Should().Be(SsfDiscoveryFailure.InvalidIssuer);
        stub.Requests.Should().BeEmpty();
    }

    [TestCase("?tenant=1")]
    [TestCase("#top")]
    public async Task SSF_18_Discover_IssuerWithQueryOrFragment_Refused(string suffix)
    {
        await using var stub = await Stub.StartAsync();
        using var http = new HttpClient();

        var discover = () => Discovery(http, allowHttp: true).DiscoverAsync(new Uri(stub.Issuer("/issuer1") + suffix));

        (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which.Failure.Should().Be(SsfDiscoveryFailure.InvalidIssuer);
        stub.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task SSF_21_Discover_IssuerMismatch_Refused()
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer("/issuer1");
        stub.Answers[SsfPath + "/issuer1"] = new Answer(200, "application/json", Figure19(stub.Issuer("/issuer2")));
        using var http = new HttpClient();

        var discover = () => Discovery(http, allowHttp: true).DiscoverAsync(new Uri(issuer));

        (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which.Failure.Should().Be(SsfDiscoveryFailure.IssuerMismatch);
    }

    [Test]
    public async Task SSF_21_Discover_IssuerDifferingOnlyInCase_Refused()
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer("/issuer1");
        stub.Answers[SsfPath + "/issuer1"] = new Answer(200, "application/json", Figure19(stub.Issuer("/ISSUER1")));
        using var http = new HttpClient();

        var discover = () => Discovery(http, allowHttp: true).DiscoverAsync(new Uri(issuer));

        (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which.Failure.Should().Be(SsfDiscoveryFailure.IssuerMismatch);
    }

    [TestCase(404, SsfDiscoveryFailure.HttpStatus)]
    [TestCase(500, SsfDiscoveryFailure.HttpStatus)]
    [TestCase(401, SsfDiscoveryFailure.HttpStatus)]
    [TestCase(204, SsfDiscoveryFailure.HttpStatus)]
    public async Task SSF_20_Discover_StatusOtherThan200_Refused(int status, SsfDiscoveryFailure failure)
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer();
        stub.Answers[SsfPath] = new Answer(status, "application/json", status == 204 ? string.Empty : Figure19(issuer));
        using var http = new HttpClient();

        var discover = () => Discovery(http, allowHttp: true).DiscoverAsync(new Uri(issuer));

        var thrown = (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which;
        thrown.Failure.Should().Be(failure);
        thrown.StatusCode.Should().Be(status);
        stub.Requests.Should().Equal($"GET {SsfPath}");
    }

    [TestCase("text/html")]
    [TestCase("application/jwk-set+json")]
    [TestCase(null)]
    public async Task SSF_20_Discover_NotApplicationJson_Refused(string? contentType)
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer();
        stub.Answers[SsfPath] = new Answer(200, contentType, Figure19(issuer));
        using var http = new HttpClient();

        var discover = () => Discovery(http, allowHttp: true).DiscoverAsync(new Uri(issuer));

        (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which.Failure.Should().Be(SsfDiscoveryFailure.InvalidResponse);
    }

    [Test]
    public async Task SSF_20_Discover_ApplicationJsonWithCharset_Accepted()
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer();
        stub.Answers[SsfPath] = new Answer(200, "application/json; charset=utf-8", Figure19(issuer));
        using var http = new HttpClient();

        var metadata = await Discovery(http, allowHttp: true).DiscoverAsync(new Uri(issuer));

        metadata.Issuer.Should().Be(issuer);
    }

    [TestCase("""{"issuer":"ISSUER",""", TestName = "SSF_21_Discover_MalformedJson_Refused")]
    [TestCase("""{"issuer":"ISSUER","issuer":"ISSUER"}""", TestName = "SSF_21_Discover_DuplicateMember_Refused")]
    [TestCase("""{"jwks_uri":"ISSUER/jwks.json"}""", TestName = "SSF_21_Discover_MissingIssuer_Refused")]
    [TestCase("""{"issuer":"ISSUER","default_subjects":"MANY"}""", TestName = "SSF_21_Discover_InvalidMemberValue_Refused")]
    public async Task Discover_InvalidDocument_Refused(string template)
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer();
        stub.Answers[SsfPath] = new Answer(200, "application/json", template.Replace("ISSUER", issuer, StringComparison.Ordinal));
        using var http = new HttpClient();

        var discover = () => Discovery(http, allowHttp: true).DiscoverAsync(new Uri(issuer));

        (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which.Failure.Should().Be(SsfDiscoveryFailure.InvalidResponse);
    }

    [Test]
    public async Task SSF_20_Discover_LargerThanMaximumResponseSize_Refused()
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer();
        var body = Figure19(issuer);
        stub.Answers[SsfPath] = new Answer(200, "application/json", body);
        using var http = new HttpClient();
        var options = new SsfDiscoveryOptions { AllowHttp = true, MaximumResponseSize = body.Length / 2 };

        var discover = () => new SsfDiscovery(http, options).DiscoverAsync(new Uri(issuer));

        (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which.Failure.Should().Be(SsfDiscoveryFailure.InvalidResponse);
    }

    [Test]
    public async Task SSF_21_Discover_RedirectAnswered_NotFollowed()
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer();
        stub.Answers[SsfPath] = new Answer(302, null, string.Empty, Location: "/elsewhere");
        stub.Answers["/elsewhere"] = new Answer(200, "application/json", Figure19(issuer));
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        var discover = () => Discovery(http, allowHttp: true).DiscoverAsync(new Uri(issuer));

        var thrown = (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which;
        thrown.Failure.Should().Be(SsfDiscoveryFailure.HttpStatus);
        thrown.StatusCode.Should().Be(302);
        stub.Requests.Should().Equal($"GET {SsfPath}");
    }

    [Test]
    public async Task SSF_21_Discover_RedirectFollowedByCallersHandler_Refused()
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer();
        stub.Answers[SsfPath] = new Answer(302, null, string.Empty, Location: "/elsewhere");
        stub.Answers["/elsewhere"] = new Answer(200, "application/json", Figure19(issuer));
        using var http = new HttpClient();

        var discover = () => Discovery(http, allowHttp: true).DiscoverAsync(new Uri(issuer));

        (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which.Failure.Should().Be(SsfDiscoveryFailure.HttpStatus);
        stub.Requests.Should().Equal($"GET {SsfPath}", "GET /elsewhere");
    }

    [Test]
    public async Task SSF_19_Discover_LegacyRiscLocation_UsedOnlyWhenOptedIn()
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer("/issuer1");
        stub.Answers[RiscPath + "/issuer1"] = new Answer(200, "application/json", Figure19(issuer));
        using var http = new HttpClient();

        var withoutOptIn = () => Discovery(http, allowHttp: true).DiscoverAsync(new Uri(issuer));
        (await withoutOptIn.Should().ThrowAsync<SsfDiscoveryException>()).Which.StatusCode.Should().Be(404);
        stub.Requests.Should().Equal($"GET {SsfPath}/issuer1");

        var options = new SsfDiscoveryOptions { AllowHttp = true, AllowLegacyRiscConfiguration = true };
        var metadata = await new SsfDiscovery(http, options).DiscoverAsync(new Uri(issuer));

        metadata.Issuer.Should().Be(issuer);
        stub.Requests.Should().Equal($"GET {SsfPath}/issuer1", $"GET {SsfPath}/issuer1", $"GET {RiscPath}/issuer1");
    }

    [Test]
    public async Task SSF_19_Discover_LegacyRiscLocation_NotTriedAfterErrorOtherThan404()
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer();
        stub.Answers[SsfPath] = new Answer(500, "application/json", "{}");
        stub.Answers[RiscPath] = new Answer(200, "application/json", Figure19(issuer));
        using var http = new HttpClient();
        var options = new SsfDiscoveryOptions { AllowHttp = true, AllowLegacyRiscConfiguration = true };

        var discover = () => new SsfDiscovery(http, options).DiscoverAsync(new Uri(issuer));

        (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which.StatusCode.Should().Be(500);
        stub.Requests.Should().Equal($"GET {SsfPath}");
    }

    [Test]
    public async Task SSF_20_Discover_TransmitterTooSlow_TimesOut()
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer();
        stub.Answers[SsfPath] = new Answer(200, "application/json", Figure19(issuer), Delay: TimeSpan.FromSeconds(30));
        using var http = new HttpClient();
        var options = new SsfDiscoveryOptions { AllowHttp = true, Timeout = TimeSpan.FromMilliseconds(300) };

        var discover = () => new SsfDiscovery(http, options).DiscoverAsync(new Uri(issuer));

        (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which.Failure.Should().Be(SsfDiscoveryFailure.Unavailable);
    }

    [Test]
    public async Task SSF_20_Discover_NothingListening_Unavailable()
    {
        using var http = new HttpClient();
        var issuer = LoopbackServer.RefusingAddress();

        var discover = () => Discovery(http, allowHttp: true).DiscoverAsync(issuer);

        (await discover.Should().ThrowAsync<SsfDiscoveryException>()).Which.Failure.Should().Be(SsfDiscoveryFailure.Unavailable);
    }

    [Test]
    public async Task SSF_21_Discover_Logs_NameIssuerAndCause_NeverBody()
    {
        await using var stub = await Stub.StartAsync();
        var issuer = stub.Issuer();
        stub.Answers[SsfPath] = new Answer(200, "application/json", """{"issuer":"https://evil.example.com","x_secret":"do-not-log"}""");
        using var http = new HttpClient();
        using var logs = new LogCollector();

        var discover = () => new SsfDiscovery(http, new SsfDiscoveryOptions { AllowHttp = true }, loggerFactory: logs).DiscoverAsync(new Uri(issuer));

        await discover.Should().ThrowAsync<SsfDiscoveryException>();
        logs.Entries.Select(e => e.Id.Id).Should().Equal(6000, 6003);
        logs.Entries.Last().Message.Should().Contain(issuer).And.Contain("IssuerMismatch");
        logs.Entries.Should().NotContain(e => e.Message.Contains("do-not-log", StringComparison.Ordinal));
    }

    private static SsfDiscovery Discovery(HttpClient http, bool allowHttp) => new(http, new SsfDiscoveryOptions { AllowHttp = allowHttp });

    private static HttpClient TrustingClient() => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == Certificate.GetCertHashString() },
    });

    /// <summary>Figure 19's body with its issuer, and the URLs under it, moved to <paramref name="issuer"/>.</summary>
    private static string Figure19(string issuer) =>
        PushTestKit.Vector("ssf-fig19-transmitter-metadata").GetProperty("body").GetRawText().Replace("https://tr.example.com", issuer, StringComparison.Ordinal);

    private sealed record Answer(int Status, string? ContentType, string Body, string? Location = null, TimeSpan Delay = default);

    /// <summary>A transmitter that answers by path from <see cref="Answers"/>, 404 otherwise, and records each request.</summary>
    private sealed class Stub : IAsyncDisposable
    {
        private LoopbackServer _server = null!;

        public ConcurrentDictionary<string, Answer> Answers { get; } = new(StringComparer.Ordinal);

        public ConcurrentQueue<string> Requests { get; } = new();

        public static async Task<Stub> StartAsync(X509Certificate2? certificate = null)
        {
            var stub = new Stub();
            stub._server = certificate is null
                ? await LoopbackServer.StartAsync(stub.HandleAsync)
                : await LoopbackServer.StartHttpsAsync(stub.HandleAsync, certificate);
            return stub;
        }

        /// <summary>The issuer URL on this server, such as <c>http://127.0.0.1:51234/issuer1</c>.</summary>
        public string Issuer(string path = "") => _server.BaseAddress.GetLeftPart(UriPartial.Authority) + path;

        public ValueTask DisposeAsync() => _server.DisposeAsync();

        private async Task HandleAsync(HttpContext context)
        {
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            if (!Answers.TryGetValue(context.Request.Path.Value ?? string.Empty, out var answer))
            {
                context.Response.StatusCode = 404;
                return;
            }

            if (answer.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(answer.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            context.Response.StatusCode = answer.Status;
            if (answer.Location is not null)
            {
                context.Response.Headers.Location = answer.Location;
            }

            if (answer.ContentType is not null)
            {
                context.Response.ContentType = answer.ContentType;
            }

            if (answer.Body.Length > 0)
            {
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(answer.Body), context.RequestAborted);
            }
        }
    }
}
