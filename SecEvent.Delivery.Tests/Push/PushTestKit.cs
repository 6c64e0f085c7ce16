using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>A request as the loopback recipient saw it.</summary>
public sealed record RecordedRequest(string Method, string Path, string? ContentType, string? Accept, string? Authorization, string Body, string? AcceptLanguage = null);

/// <summary>Short timeouts and delays, the RFC 8935 example SET, and a recipient that records what it receives.</summary>
public static class PushTestKit
{
    /// <summary>The SET of RFC 8935 figure 1.</summary>
    public static string Set { get; } = Vector("rfc8935-fig1-push-request").GetProperty("body").GetString()!;

    /// <summary>The <c>jti</c> of <see cref="Set"/>.</summary>
    public const string SetJti = "756E69717565206964656E746966696572";

    /// <summary>Options fast enough for a test, with the circuit breaker out of the way.</summary>
    public static PushClientOptions FastOptions() => new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(2),
        TotalTimeout = TimeSpan.FromSeconds(15),
        MaxRetryAttempts = 4,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        UseJitter = false,
        MaxRetryAfter = TimeSpan.FromSeconds(5),
        RejectionRetryAttempts = 2,
        RejectionRetryDelay = TimeSpan.FromMilliseconds(50),
        CircuitBreakerMinimumThroughput = 1000,
    };

    public static HttpClient NewHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };

    public static PushEndpoint Endpoint(Uri baseAddress, string path = "events", string? authorization = null) =>
        new(new Uri(baseAddress, path)) { AllowHttp = true, AuthorizationHeader = authorization };

    /// <summary>The <c>data</c> of a vector from the shared folder.</summary>
    public static JsonElement Vector(string name)
    {
        var directory = Environment.GetEnvironmentVariable("SECEVENT_VECTORS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(PublicApiListing.PathInRepository(".."), "shared", "vectors");
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, name + ".json")));
        return document.RootElement.GetProperty("data").Clone();
    }

    public static async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        return new RecordedRequest(
            context.Request.Method,
            context.Request.Path,
            headers.ContentType.Count == 0 ? null : headers.ContentType.ToString(),
            headers.Accept.Count == 0 ? null : headers.Accept.ToString(),
            headers.Authorization.Count == 0 ? null : headers.Authorization.ToString(),
            body,
            headers.AcceptLanguage.Count == 0 ? null : headers.AcceptLanguage.ToString());
    }

    /// <summary>A script that answers the first request with <paramref name="status"/> and a <c>Retry-After</c>, then 202.</summary>
    public static Func<HttpContext, int, Task> RetryAfterThenAccepted(int status, string retryAfter, string? json = null) => (context, n) =>
    {
        if (n > 1)
        {
            return RespondAsync(context, 202);
        }

        context.Response.Headers.RetryAfter = retryAfter;
        return RespondAsync(context, status, json);
    };

    public static Task RespondAsync(HttpContext context, int status, string? json = null)
    {
        context.Response.StatusCode = status;
        if (json is null)
        {
            return Task.CompletedTask;
        }

        context.Response.ContentType = "application/json";
        context.Response.Headers.ContentLanguage = "en-US";
        return context.Response.WriteAsync(json);
    }
}

/// <summary>A loopback recipient that answers the n-th request (from 1) with a script, recording every request.</summary>
public sealed class ScriptedRecipient : IAsyncDisposable
{
    private readonly Func<HttpContext, int, Task> _script;
    private int _count;

    private ScriptedRecipient(Func<HttpContext, int, Task> script) => _script = script;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int Count => Volatile.Read(ref _count);

    public LoopbackServer Server { get; private set; } = null!;

    public PushEndpoint Endpoint(string path = "events", string? authorization = null) =>
        PushTestKit.Endpoint(Server.BaseAddress, path, authorization);

    public static async Task<ScriptedRecipient> StartAsync(Func<HttpContext, int, Task> script, Uri? address = null)
    {
        var recipient = new ScriptedRecipient(script);
        recipient.Server = address is null
            ? await LoopbackServer.StartAsync(recipient.HandleAsync)
            : await LoopbackServer.StartAsync(recipient.HandleAsync, address);
        return recipient;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var n = Interlocked.Increment(ref _count);
        Requests.Enqueue(await PushTestKit.RecordAsync(context));
        await _script(context, n);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
