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
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Sqlite;

namespace SecEvent.Benchmarks;

/// <summary>
/// Assured delivery's price: SETs enqueued in one batch and drained by the <see cref="OutboxDispatcher"/> to a loopback
/// endpoint that answers 202, through the in-memory outbox and through the SQLite one, against the raw
/// <see cref="HttpClient"/> POST loop at 64 in flight. One operation is one delivered SET. Goals: at least 0.85× the raw
/// throughput in memory (a time ratio of at most 1.18), at least 0.5× with SQLite (at most 2.0).
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes, and benchmark classes cannot be sealed.
public class OutboxBenchmarks
#pragma warning restore CA1001
{
    private const int SetsPerInvoke = 1024;
    private const int Concurrency = 64;

    private static readonly string Set = "eyJ0eXAiOiJzZWNldmVudCtqd3QiLCJhbGciOiJIUzI1NiJ9." + new string('A', 480) + "." + new string('B', 43);

    private WebApplication _server = null!;
    private HttpClient _http = null!;
    private Uri _endpoint = null!;
    private PushClient _client = null!;
    private PushEndpoint _pushEndpoint = null!;
    private OutboxItem[] _items = null!;
    private InMemorySecurityEventOutbox _memory = null!;
    private OutboxDispatcher _memoryDispatcher = null!;
    private SqliteSecurityEventOutbox _sqlite = null!;
    private OutboxDispatcher _sqliteDispatcher = null!;
    private string _sqlitePath = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        });
        _server.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _endpoint = new Uri(address, "events");
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 256 }) { Timeout = Timeout.InfiniteTimeSpan };
        _items = [.. Enumerable.Range(0, SetsPerInvoke).Select(_ => new OutboxItem(Set, "receiver"))];

        var client = _client = new PushClient(_http);
        var endpoint = _pushEndpoint = new PushEndpoint(_endpoint) { AllowHttp = true, AuthorizationHeader = "Bearer benchmark" };
        var options = new OutboxDispatcherOptions
        {
            ResolveEndpoint = (_, _) => ValueTask.FromResult<PushEndpoint?>(endpoint),
            MaxConcurrency = Concurrency,
            MaxConcurrencyPerDestination = Concurrency,
        };
        _memory = new InMemorySecurityEventOutbox();
        _memoryDispatcher = new OutboxDispatcher(_memory, client, options);
        _sqlitePath = Path.Combine(Path.GetTempPath(), $"secevent-bench-{Guid.NewGuid():N}.db");
        _sqlite = SqliteSecurityEventOutbox.OpenExclusiveAsync(_sqlitePath).GetAwaiter().GetResult();
        _sqliteDispatcher = new OutboxDispatcher(_sqlite, client, options);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite.Dispose();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_sqlitePath)!, Path.GetFileName(_sqlitePath) + "*"))
        {
            File.Delete(file);
        }

        _http.Dispose();
        _server.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SetsPerInvoke)]
    public async Task RawHttpClientPost()
    {
        var remaining = SetsPerInvoke;
        var workers = new Task[Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new StringContent(Set, Encoding.ASCII, "application/secevent+jwt") };
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer benchmark");
                    request.Headers.Accept.ParseAdd("application/json");
                    using var response = await _http.SendAsync(request);
                    if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        throw new InvalidOperationException($"Unexpected {response.StatusCode}.");
                    }
                }
            });
        }

        await Task.WhenAll(workers);
    }

    /// <summary>The push client alone in the same 64-worker loop: what the outbox adds, by difference.</summary>
    [Benchmark(OperationsPerInvoke = SetsPerInvoke)]
    public async Task PushClientLoop()
    {
        var remaining = SetsPerInvoke;
        var workers = new Task[Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    var result = await _client.PushAsync(Set, _pushEndpoint);
                    if (!result.IsDelivered)
                    {
                        throw new InvalidOperationException(result.ToString());
                    }
                }
            });
        }

        await Task.WhenAll(workers);
    }

    [Benchmark(OperationsPerInvoke = SetsPerInvoke)]
    public async Task InMemoryOutbox()
    {
        await _memory.EnqueueAsync(_items);
        await _memoryDispatcher.DrainAsync();
    }

    [Benchmark(OperationsPerInvoke = SetsPerInvoke)]
    public async Task SqliteOutbox()
    {
        await _sqlite.EnqueueAsync(_items);
        await _sqliteDispatcher.DrainAsync();
    }
}
