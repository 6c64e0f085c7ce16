using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>What a poll request got back over HTTP.</summary>
public sealed record PollReply(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonElement.Parse(Body);

    /// <summary>The <c>sets</c> member of a 200 body, by <c>jti</c>, in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sets =>
        [.. Json.GetProperty("sets").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!))];

    public IEnumerable<string> Jtis => Sets.Select(s => s.Key);

    /// <summary>The <c>moreAvailable</c> member; absent reads as false (RFC 8936 §2.3).</summary>
    public bool MoreAvailable => Json.TryGetProperty("moreAvailable", out var more) && more.GetBoolean();

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A real Kestrel host whose route <c>/poll/{stream}</c> maps onto a <see cref="PollTransmitter"/>, as an application
/// would map it, with a client that posts to it and a record of how each request ended on the server.
/// </summary>
public sealed class PollHost : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    private PollHost(ISecurityEventPollQueue queue, PollTransmitter transmitter, PollTransmitterOptions options, ManualTimeProvider time)
    {
        Queue = queue;
        Transmitter = transmitter;
        Options = options;
        Time = time;
    }

    public ISecurityEventPollQueue Queue { get; }

    public PollTransmitter Transmitter { get; }

    public PollTransmitterOptions Options { get; }

    public ManualTimeProvider Time { get; }

    public LoopbackServer Server { get; private set; } = null!;

    /// <summary>How each request ended on the server: its response, or the exception the transmitter threw.</summary>
    public ConcurrentQueue<object> Handled { get; } = new();

    /// <summary>Signalled each time a request has ended on the server.</summary>
    public SemaphoreSlim HandledSignal { get; } = new(0);

    /// <summary>Options for tests: a short long poll, so that a test that holds one still ends soon.</summary>
    public static PollTransmitterOptions FastOptions() => new()
    {
        LongPollTimeout = TimeSpan.FromSeconds(2),
        RecheckInterval = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>
    /// Starts a host on a clock the test moves by hand, shared by the transmitter and the queue that
    /// <paramref name="queue"/> creates on it (an in-memory outbox when <see langword="null"/>).
    /// </summary>
    public static async Task<PollHost> StartAsync(
        Func<TimeProvider, Task<ISecurityEventPollQueue>>? queue = null,
        Action<PollTransmitterOptions>? configure = null,
        ILoggerFactory? logs = null)
    {
        var time = new ManualTimeProvider(PushSets.Now);
        var store = queue is null ? new InMemorySecurityEventOutbox(time) : await queue(time);
        var options = FastOptions();
        configure?.Invoke(options);
        var host = new PollHost(store, new PollTransmitter(store, options, time, logs), options, time);
        host.Server = await LoopbackServer.StartAsync(host.HandleAsync);
        return host;
    }

    /// <summary>An in-memory outbox seen through an <see cref="ObservedPollQueue"/>.</summary>
    public static Task<ISecurityEventPollQueue> ObservedInMemory(TimeProvider time) =>
        Task.FromResult<ISecurityEventPollQueue>(new ObservedPollQueue(new InMemorySecurityEventOutbox(time)));

    /// <summary>The queue, when it was made by <see cref="ObservedInMemory"/> or wrapped likewise.</summary>
    public ObservedPollQueue Observed => (ObservedPollQueue)Queue;

    public Uri StreamUri(string stream) => new(Server.BaseAddress, "poll/" + Uri.EscapeDataString(stream));

    /// <summary>Posts <paramref name="json"/> as a poll of <paramref name="stream"/>.</summary>
    public async Task<PollReply> PollAsync(string stream, string json, string? contentType = "application/json", Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, StreamUri(stream)) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        configure?.Invoke(request);
        return await SendAsync(request, cancellationToken);
    }

    /// <summary>Posts a request written as an object, serialized with the RFC's member names as given.</summary>
    public Task<PollReply> PollAsync(string stream, object body, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default) =>
        PollAsync(stream, JsonSerializer.Serialize(body), configure: configure, cancellationToken: cancellationToken);

    public async Task<PollReply> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using var response = await _http.SendAsync(request, cancellationToken);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new PollReply((int)response.StatusCode, headers, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Enqueues SETs for <paramref name="stream"/> through the transmitter; returns their ids.</summary>
    public async Task<IReadOnlyList<long>> PublishAsync(string stream, params string[] jtis) =>
        await Transmitter.PublishAsync(stream, [.. jtis.Select(jti => PushSets.Token(jti))]);

    /// <summary>Waits until <paramref name="count"/> more requests have ended on the server, failing rather than hanging.</summary>
    public async Task WaitHandledAsync(int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            (await HandledSignal.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue("the server should have finished the request");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _http.Dispose();
        HandledSignal.Dispose();
        if (Queue is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        const string prefix = "/poll/";
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var request = new PollEndpointRequest
        {
            Method = context.Request.Method,
            ContentType = context.Request.ContentType,
            ContentLength = context.Request.ContentLength,
            Authorization = context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
            ContentLanguage = context.Request.Headers.ContentLanguage.ToString() is { Length: > 0 } language ? language : null,
            Body = context.Request.Body,
            StreamId = Uri.UnescapeDataString(path[prefix.Length..]),
        };
        try
        {
            var response = await Transmitter.HandleAsync(request, context.RequestAborted);
            Handled.Enqueue(response);
            await ResponseWriter.WriteAsync(context, response.StatusCode, response.Headers, response.Body);
        }
        catch (Exception ex)
        {
            Handled.Enqueue(ex);
        }
        finally
        {
            HandledSignal.Release();
        }
    }
}
