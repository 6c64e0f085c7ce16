using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;
using static SecEvent.Delivery.Tests.Push.PushTestKit;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>Pushes over real TLS to a loopback Kestrel with a self-signed certificate (RFC 8935 §3, §5.3).</summary>
[Parallelizable(ParallelScope.All)]
public class PushClientTlsTests
{
    private static readonly X509Certificate2 Certificate = TestCertificates.Loopback();

    [Test]
    public async Task PUSH16_PushAsync_HttpsToTrustedRecipient_DeliveredOverTls12OrLater()
    {
        string? protocol = null;
        await using var server = await LoopbackServer.StartHttpsAsync(
            context =>
            {
                protocol = context.Features.Get<ITlsHandshakeFeature>()?.Protocol.ToString();
                context.Response.StatusCode = 202;
                return Task.CompletedTask;
            },
            Certificate);
        using var http = new HttpClient(TrustingOnly(Certificate)) { Timeout = Timeout.InfiniteTimeSpan };

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, new PushEndpoint(new Uri(server.BaseAddress, "events")));

        server.BaseAddress.Scheme.Should().Be("https");
        result.Outcome.Should().Be(PushOutcome.Delivered);
        protocol.Should().BeOneOf(nameof(SslProtocols.Tls12), nameof(SslProtocols.Tls13));
    }

    [Test]
    public async Task PUSH15_PushAsync_CertificateNotTrusted_FailedAtOnceWithoutReachingRecipient()
    {
        var reached = 0;
        await using var server = await LoopbackServer.StartHttpsAsync(
            context =>
            {
                Interlocked.Increment(ref reached);
                context.Response.StatusCode = 202;
                return Task.CompletedTask;
            },
            Certificate);
        var services = new ServiceCollection();
        services.AddSecurityEventPushClient(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            o.UseJitter = false;
        });
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<PushClient>().PushAsync(Set, new PushEndpoint(new Uri(server.BaseAddress, "events")));

        result.Outcome.Should().Be(PushOutcome.Failed);
        result.Attempts.Should().Be(1, "a certificate that does not validate is not retried");
        result.Exception.Should().BeOfType<HttpRequestException>()
            .Which.HttpRequestError.Should().Be(HttpRequestError.SecureConnectionError);
        reached.Should().Be(0);
    }

    [Test]
    public async Task PUSH15_PushAsync_CertificateForAnotherName_Failed()
    {
        await using var server = await LoopbackServer.StartHttpsAsync(
            context =>
            {
                context.Response.StatusCode = 202;
                return Task.CompletedTask;
            },
            Certificate);

        // The certificate names 127.0.0.1 and localhost: the same server, asked for under another name, must be refused.
        var elsewhere = new UriBuilder(server.BaseAddress) { Host = "localhost.invalid", Path = "events" }.Uri;
        using var handler = TrustingOnly(Certificate);
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            await socket.ConnectAsync(System.Net.IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        };
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, new PushEndpoint(elsewhere));

        result.Outcome.Should().Be(PushOutcome.Failed);
        result.Exception.Should().BeOfType<HttpRequestException>()
            .Which.HttpRequestError.Should().Be(HttpRequestError.SecureConnectionError);
    }

    /// <summary>
    /// A handler that trusts exactly <paramref name="certificate"/> as its own root, as an operator would pin a private CA,
    /// and leaves name checking (DNS-ID, RFC 6125) to the platform.
    /// </summary>
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
