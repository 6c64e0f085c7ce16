using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecEvent.Delivery.Tests.Support;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, answering every request with a test's handler.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's root, such as <c>http://127.0.0.1:51234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts a server whose every request, on any path and method, goes to <paramref name="handler"/>.</summary>
    public static Task<LoopbackServer> StartAsync(RequestDelegate handler) => StartAsync(handler, new Uri("http://127.0.0.1:0/"));

    /// <summary>Starts a server on a given loopback address, such as one from <see cref="RefusingAddress"/>.</summary>
    public static Task<LoopbackServer> StartAsync(RequestDelegate handler, Uri listenOn) =>
        StartAsync(handler, builder => builder.WebHost.UseUrls(listenOn.GetLeftPart(UriPartial.Authority)));

    /// <summary>Starts an HTTPS server on 127.0.0.1 with a free port, presenting <paramref name="certificate"/>.</summary>
    public static Task<LoopbackServer> StartHttpsAsync(RequestDelegate handler, X509Certificate2 certificate) =>
        StartAsync(handler, builder => builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate))));

    private static async Task<LoopbackServer> StartAsync(RequestDelegate handler, Action<WebApplicationBuilder> listen)
    {
        var builder = WebApplication.CreateSlimBuilder();
        listen(builder);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>A loopback URL on which nothing listens: connecting to it is refused.</summary>
    public static Uri RefusingAddress()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Stops the server; later connections are refused.</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
