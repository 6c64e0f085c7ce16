using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens;
using static SecEvent.Delivery.Tests.Poll.PollClientTestKit;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>TLS (RFC 8936 §3, §4.3, POLL-12, POLL-13), credentials (§4.4, POLL-14) and the checks made when the client is built.</summary>
public partial class PollClientTests
{
    private static readonly X509Certificate2 Certificate = TestCertificates.Loopback();

    [Test]
    public void POLL_13_Constructor_HttpEndpointWithoutAllowHttp_Refused()
    {
        using var http = NewHttpClient();
        var options = Options(new PollEndpoint(new Uri("http://transmitter.example.com/poll")));

        var create = () => Client(http, options, new RecordingSink());

        create.Should().Throw<ArgumentException>().WithMessage("*TLS*");
    }

    [Test]
    public void PollEndpoint_RelativeOrOtherScheme_Refused()
    {
        var relative = () => new PollEndpoint(new Uri("/poll", UriKind.Relative));
        var ftp = () => new PollEndpoint(new Uri("ftp://transmitter.example.com/poll"));

        relative.Should().Throw<ArgumentException>();
        ftp.Should().Throw<ArgumentException>();
    }

    [Test]
    public void PollEndpoint_ToString_IsTheUriWithoutTheCredential()
    {
        var endpoint = new PollEndpoint(new Uri("https://transmitter.example.com/poll")) { AuthorizationHeader = "Bearer top-secret" };

        endpoint.ToString().Should().Be("https://transmitter.example.com/poll");
    }

    [Test]
    public async Task POLL_13_PollOnceAsync_HttpsToTrustedTransmitter_Works()
    {
        await using var server = await LoopbackServer.StartHttpsAsync(context => FakeTransmitter.WriteAsync(context, 200, """{"sets":{}}"""), Certificate);
        using var http = new HttpClient(TrustingOnly(Certificate)) { Timeout = Timeout.InfiniteTimeSpan };
        var client = Client(http, Options(new PollEndpoint(new Uri(server.BaseAddress, "poll"))), new RecordingSink());

        var round = await client.PollOnceAsync();

        server.BaseAddress.Scheme.Should().Be("https");
        round.Received.Should().Be(0);
    }

    [Test]
    public async Task POLL_12_POLL_13_RunAsync_CertificateNotTrusted_ThrowsProtocolAtOnce()
    {
        var reached = 0;
        await using var server = await LoopbackServer.StartHttpsAsync(
            context =>
            {
                Interlocked.Increment(ref reached);
                return FakeTransmitter.WriteAsync(context, 200, """{"sets":{}}""");
            },
            Certificate);
        using var http = NewHttpClient();
        var client = Client(http, Options(new PollEndpoint(new Uri(server.BaseAddress, "poll"))), new RecordingSink());

        var run = () => client.RunAsync(CancellationToken.None).WaitAsync(Patience);

        var thrown = (await run.Should().ThrowAsync<PollException>()).Which;
        thrown.Failure.Should().Be(PollFailure.Protocol, "a certificate that does not validate does not start validating by retrying");
        thrown.InnerException.Should().BeOfType<HttpRequestException>().Which.HttpRequestError.Should().Be(HttpRequestError.SecureConnectionError);
        reached.Should().Be(0);
    }

    [Test]
    public async Task POLL_14_PollOnceAsync_AuthorizationHeader_SentVerbatimOnEveryRequest()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter.Endpoint("Bearer  static.token==")), new RecordingSink());

        await client.PollOnceAsync();
        await client.PollOnceAsync();

        transmitter.Requests.Select(r => r.Authorization).Should().Equal("Bearer  static.token==", "Bearer  static.token==");
    }

    [Test]
    public async Task POLL_14_RunAsync_GetAuthorization_CalledPerRequestAndReplacesTheStaticHeader()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        var issued = 0;
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter.Endpoint("Bearer stale"), o => o.GetAuthorization = _ =>
            ValueTask.FromResult<string?>("Bearer fresh-" + Interlocked.Increment(ref issued))), new RecordingSink());

        await RunUntilAsync(client, () => transmitter.Count >= 3, "three requests");

        transmitter.Requests.Take(3).Select(r => r.Authorization).Should().Equal("Bearer fresh-1", "Bearer fresh-2", "Bearer fresh-3");
        transmitter.Requests.Should().NotContain(r => r.Authorization == "Bearer stale");
    }

    [Test]
    public async Task POLL_14_RunAsync_GetAuthorizationFailsOnce_RetriedAsTransient()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        var calls = 0;
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o => o.GetAuthorization = _ => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("token endpoint down")
            : ValueTask.FromResult<string?>("Bearer ok")), sink);

        await RunUntilAsync(client, () => sink.Calls == 1, "the SET arrives once a token was obtained");

        transmitter.Requests.First().Authorization.Should().Be("Bearer ok");
    }

    [Test]
    public void Constructor_ValidationParametersWithReplayCache_Refused()
    {
        using var http = NewHttpClient();
        var options = Options(new PollEndpoint(new Uri("https://transmitter.example.com/poll")));
        options.ValidationParameters.ReplayCache = new InMemorySecurityEventReplayCache(TimeSpan.FromHours(1));

        var create = () => Client(http, options, new RecordingSink());

        create.Should().Throw<ArgumentException>().WithMessage("*ReplayCache*");
    }

    [Test]
    public void Constructor_IssuerCheckWithNoIssuers_RefusedAtConstruction()
    {
        using var http = NewHttpClient();
        var options = Options(new PollEndpoint(new Uri("https://transmitter.example.com/poll")));
        options.ValidationParameters.ValidateIssuer = true;
        options.ValidationParameters.ValidIssuers = [];

        var create = () => Client(http, options, new RecordingSink());

        create.Should().Throw<ArgumentException>().WithMessage("*ValidIssuers*");
    }

    private static IEnumerable<TestCaseData> BadOptions()
    {
        yield return new TestCaseData((Action<PollClientOptions>)(o => o.MaxEvents = 0)).SetName("Constructor_MaxEventsZero_Refused");
        yield return new TestCaseData((Action<PollClientOptions>)(o => o.AttemptTimeout = TimeSpan.Zero)).SetName("Constructor_AttemptTimeoutZero_Refused");
        yield return new TestCaseData((Action<PollClientOptions>)(o => o.FinalAcknowledgeTimeout = TimeSpan.FromDays(2))).SetName("Constructor_FinalAcknowledgeTimeoutOverADay_Refused");
        yield return new TestCaseData((Action<PollClientOptions>)(o => o.RetryBaseDelay = TimeSpan.FromSeconds(-1))).SetName("Constructor_NegativeRetryBaseDelay_Refused");
        yield return new TestCaseData((Action<PollClientOptions>)(o => o.MaxConsecutiveFailures = 0)).SetName("Constructor_MaxConsecutiveFailuresZero_Refused");
        yield return new TestCaseData((Action<PollClientOptions>)(o => o.MaximumResponseSize = 0)).SetName("Constructor_MaximumResponseSizeZero_Refused");
        yield return new TestCaseData((Action<PollClientOptions>)(o => o.ReplayRetention = TimeSpan.Zero)).SetName("Constructor_ReplayRetentionZero_Refused");
        yield return new TestCaseData((Action<PollClientOptions>)(o => o.ContentLanguage = "en US\r\nX-Injected: 1")).SetName("Constructor_ContentLanguageNotATag_Refused");
        yield return new TestCaseData((Action<PollClientOptions>)(o => o.ContentLanguage = "")).SetName("Constructor_ContentLanguageEmpty_Refused");
    }

    [TestCaseSource(nameof(BadOptions))]
    public void Constructor_OptionOutOfRange_Refused(Action<PollClientOptions> configure)
    {
        using var http = NewHttpClient();
        var options = Options(new PollEndpoint(new Uri("https://transmitter.example.com/poll")), configure);

        var create = () => Client(http, options, new RecordingSink());

        create.Should().Throw<ArgumentException>();
    }

    [Test]
    public async Task PollOnceAsync_WhileRunAsyncRuns_Refused()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Hold = TimeSpan.FromSeconds(20);
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o => o.ReturnImmediately = false), new RecordingSink());
        using var stop = new CancellationTokenSource();

        var run = client.RunAsync(stop.Token);
        await WaitForAsync(() => transmitter.Count == 1, "the loop is polling");
        var overlapping = () => client.PollOnceAsync().AsTask();

        await overlapping.Should().ThrowAsync<InvalidOperationException>();
        stop.Cancel();
        await run.WaitAsync(Patience);
        transmitter.Hold = TimeSpan.Zero;
        var afterwards = () => client.PollOnceAsync().AsTask();

        await afterwards.Should().NotThrowAsync("once the loop has stopped the client can be used again");
    }

    [Test]
    public async Task DelegateConstructor_HandsValidSetsToTheDelegate()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        var accepted = new List<string>();
        using var http = NewHttpClient();
        var client = new PollClient(http, Options(transmitter), (token, _) =>
        {
            accepted.Add(token.JwtId);
            return ValueTask.CompletedTask;
        });

        await client.PollOnceAsync();

        accepted.Should().Equal("a");
    }

    private static SocketsHttpHandler TrustingOnly(X509Certificate2 certificate) => new()
    {
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                errors == SslPolicyErrors.RemoteCertificateChainErrors
                && presented is not null
                && presented.GetCertHashString() == certificate.GetCertHashString(),
        },
    };
}
