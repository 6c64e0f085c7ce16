using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Polly;
using SecEvent.Delivery.Push;

namespace SecEvent.Benchmarks;

/// <summary>
/// The CPU a push costs on top of the HTTP request, without a network: <see cref="PushClient"/> against a raw
/// <see cref="HttpClient"/> POST, both over a handler that answers 202 in memory. What the loopback
/// <see cref="PushBenchmarks"/> cannot resolve through its noise, this measures directly.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes, and benchmark classes cannot be sealed.
public class PushOverheadBenchmarks
#pragma warning restore CA1001
{
    private static readonly string Set = LoopbackReceiver.Set;

    private HttpClient _http = null!;
    private PushClient _client = null!;
    private PushClient _bare = null!;
    private PushEndpoint _endpoint = null!;

    [GlobalSetup]
    public void Setup()
    {
        _http = new HttpClient(new AcceptingHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        _endpoint = new PushEndpoint(new Uri("https://rp.example.com/events")) { AuthorizationHeader = "Bearer benchmark" };
        _client = new PushClient(_http);
        _bare = new PushClient(_http, new PushClientOptions { PipelineFactory = _ => ResiliencePipeline<HttpResponseMessage>.Empty });
    }

    [GlobalCleanup]
    public void Cleanup() => _http.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<HttpStatusCode> RawHttpClientPost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Uri) { Content = new StringContent(Set, Encoding.ASCII, "application/secevent+jwt") };
        request.Headers.TryAddWithoutValidation("Authorization", _endpoint.AuthorizationHeader);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    [Benchmark]
    public Task<PushResult> PushClientPush() => _client.PushAsync(Set, _endpoint);

    [Benchmark]
    public Task<PushResult> PushClientNoPipeline() => _bare.PushAsync(Set, _endpoint);

    private sealed class AcceptingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted) { RequestMessage = request });
    }
}
