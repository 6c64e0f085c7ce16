using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecEvent.Delivery.Push;

namespace SecEvent.Benchmarks;

/// <summary>
/// What the delivery benchmarks push to and compare against: a Kestrel endpoint on loopback that answers 202, one
/// <see cref="HttpClient"/> to it, a typical SET, and the raw POST that is every benchmark's baseline.
/// </summary>
internal sealed class LoopbackReceiver : IDisposable
{
    /// <summary>RFC 8935 figure 1's shape: a typical compact SET of about 600 characters.</summary>
    public static readonly string Set = "eyJ0eXAiOiJzZWNldmVudCtqd3QiLCJhbGciOiJIUzI1NiJ9." + new string('A', 480) + "." + new string('B', 43);

    private readonly WebApplication _server;

    public LoopbackReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Run(async context =>
        {
            // A receiver that has kept the SET: drain the body, answer 202 with no body (RFC 8935 §2.2).
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        });
        _server.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 256 }) { Timeout = Timeout.InfiniteTimeSpan };
        Endpoint = new PushEndpoint(new Uri(address, "events")) { AllowHttp = true, AuthorizationHeader = "Bearer benchmark" };
    }

    public HttpClient Http { get; }

    public PushEndpoint Endpoint { get; }

    /// <summary>Shares <paramref name="count"/> deliveries among <paramref name="concurrency"/> workers, each with one in flight at a time.</summary>
    public static async Task RunAsync(int concurrency, int count, Func<Task> push)
    {
        var remaining = count;
        var workers = new Task[concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    await push();
                }
            });
        }

        await Task.WhenAll(workers);
    }

    /// <summary>The baseline: the same request as the push client's, sent by hand.</summary>
    public async Task RawPostAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint.Uri) { Content = new StringContent(Set, Encoding.ASCII, "application/secevent+jwt") };
        request.Headers.TryAddWithoutValidation("Authorization", Endpoint.AuthorizationHeader);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await Http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Unexpected {response.StatusCode}.");
        }
    }

    /// <summary>Pushes <see cref="Set"/> with <paramref name="client"/>; anything but a delivery stops the benchmark.</summary>
    public async Task PushAsync(PushClient client)
    {
        var result = await client.PushAsync(Set, Endpoint);
        if (!result.IsDelivered)
        {
            throw new InvalidOperationException(result.ToString());
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        _server.StopAsync().GetAwaiter().GetResult();
    }
}
