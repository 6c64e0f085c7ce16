using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
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
/// Push throughput over loopback: <see cref="PushClient"/> (pipeline, classification, telemetry) against a raw
/// <see cref="HttpClient"/> POST loop to the same Kestrel endpoint, with the same handler, at 1, 8 and 64 SETs in
/// flight. One operation is one delivered SET; goal: at least 0.9× the raw throughput (a time ratio of at most 1.11).
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes, and benchmark classes cannot be sealed.
public class PushBenchmarks
#pragma warning restore CA1001
{
    private const int SetsPerInvoke = 256;

    // RFC 8935 figure 1's shape: a typical compact SET of about 600 characters.
    private static readonly string Set = "eyJ0eXAiOiJzZWNldmVudCtqd3QiLCJhbGciOiJIUzI1NiJ9." + new string('A', 480) + "." + new string('B', 43);

    private WebApplication _server = null!;
    private HttpClient _http = null!;
    private PushClient _client = null!;
    private PushClient _bare = null!;
    private PushEndpoint _endpoint = null!;

    /// <summary>SETs in flight at once.</summary>
    [Params(1, 8, 64)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public void Setup()
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

        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 256 }) { Timeout = Timeout.InfiniteTimeSpan };
        _client = new PushClient(_http);
        _bare = new PushClient(_http, new PushClientOptions { PipelineFactory = _ => Polly.ResiliencePipeline<HttpResponseMessage>.Empty });
        _endpoint = new PushEndpoint(new Uri(address, "events")) { AllowHttp = true, AuthorizationHeader = "Bearer benchmark" };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _server.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SetsPerInvoke)]
    public Task RawHttpClientPost() => RunAsync(async () =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Uri) { Content = new StringContent(Set, Encoding.ASCII, "application/secevent+jwt") };
        request.Headers.TryAddWithoutValidation("Authorization", _endpoint.AuthorizationHeader);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Unexpected {response.StatusCode}.");
        }
    });

    [Benchmark(OperationsPerInvoke = SetsPerInvoke)]
    public Task PushClientPush() => RunAsync(async () =>
    {
        var result = await _client.PushAsync(Set, _endpoint);
        if (!result.IsDelivered)
        {
            throw new InvalidOperationException(result.ToString());
        }
    });

    /// <summary>The client's own work without resilience (an empty pipeline): what the default pipeline costs, by difference.</summary>
    [Benchmark(OperationsPerInvoke = SetsPerInvoke)]
    public Task PushClientNoPipeline() => RunAsync(async () =>
    {
        var result = await _bare.PushAsync(Set, _endpoint);
        if (!result.IsDelivered)
        {
            throw new InvalidOperationException(result.ToString());
        }
    });

    // Concurrency workers share SetsPerInvoke deliveries, each keeping one SET in flight at a time.
    private async Task RunAsync(Func<Task> push)
    {
        var remaining = SetsPerInvoke;
        var workers = new Task[Concurrency];
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
}
