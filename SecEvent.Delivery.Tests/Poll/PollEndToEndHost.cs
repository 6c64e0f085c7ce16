using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>What became of one poll request at <see cref="PollEndToEndHost"/>.</summary>
public enum PollExchangeFate
{
    /// <summary>The transmitter answered and the answer was written.</summary>
    Answered,

    /// <summary>The transmitter answered (and leased what it offered), then the connection was aborted instead.</summary>
    Lost,

    /// <summary>The connection was aborted before the transmitter saw the request.</summary>
    Dropped,

    /// <summary>The recipient went away while the transmitter held the request.</summary>
    Gone,
}

/// <summary>One poll request as <see cref="PollEndToEndHost"/> saw it, and what became of it.</summary>
public sealed record PollExchange(
    int Number,
    string RequestBody,
    string? ContentLanguage,
    string? Authorization,
    PollExchangeFate Fate,
    int Status,
    IReadOnlyList<string> Offered,
    bool MoreAvailable)
{
    public JsonElement Request => JsonElement.Parse(RequestBody);

    /// <summary>The request's <c>maxEvents</c>, or <see langword="null"/> when absent.</summary>
    public int? MaxEvents => Request.TryGetProperty("maxEvents", out var max) ? max.GetInt32() : null;

    /// <summary>Whether the request asked to return at once (<c>returnImmediately: true</c>).</summary>
    public bool ReturnImmediately => Request.TryGetProperty("returnImmediately", out var value) && value.GetBoolean();

    /// <summary>An acknowledge-only request that should return at once (RFC 8936 §2.4.2).</summary>
    public bool IsAcknowledgeOnly => MaxEvents == 0 && ReturnImmediately;

    public IReadOnlyList<string> Acks => Request.TryGetProperty("ack", out var ack) ? [.. ack.EnumerateArray().Select(a => a.GetString()!)] : [];

    /// <summary>The <c>setErrs</c> entries, <c>err</c> by <c>jti</c>.</summary>
    public IReadOnlyDictionary<string, string> SetErrs => Request.TryGetProperty("setErrs", out var errs)
        ? errs.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("err").GetString()!)
        : new Dictionary<string, string>();

    public bool CarriesAcknowledgements => Acks.Count > 0 || SetErrs.Count > 0;
}

/// <summary>
/// A <see cref="PollTransmitter"/> on a real Kestrel server on 127.0.0.1 and the system clock, routed as
/// <c>/poll/{stream}</c>, which records every exchange and can inject faults a network causes: a response lost after
/// the transmitter leased its SETs, and requests carrying acknowledgements dropped before the transmitter sees them.
/// </summary>
public sealed class PollEndToEndHost : IAsyncDisposable
{
    public const string DefaultStream = "stream-e2e";

    private readonly WebApplication _app;
    private int _requests;
    private int _responsesToLose;
    private volatile bool _dropAcknowledgements;

    private PollEndToEndHost(WebApplication app, ISecurityEventPollQueue queue, PollTransmitter transmitter)
    {
        _app = app;
        Queue = queue;
        Transmitter = transmitter;
    }

    public ISecurityEventPollQueue Queue { get; }

    public PollTransmitter Transmitter { get; }

    /// <summary>The server's root, such as <c>http://127.0.0.1:51234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request in the order it ended, with what became of it.</summary>
    public ConcurrentQueue<PollExchange> Exchanges { get; } = new();

    /// <summary>Every <c>setErrs</c> the transmitter's <see cref="PollTransmitterOptions.SetErrorsReported"/> hook was told of, by stream.</summary>
    public ConcurrentQueue<(string Stream, IReadOnlyDictionary<string, PollSetError> Errors)> ReportedErrors { get; } = new();

    /// <summary>While set, a request carrying <c>ack</c> or <c>setErrs</c> has its connection aborted unseen.</summary>
    public bool DropAcknowledgements
    {
        get => _dropAcknowledgements;
        set => _dropAcknowledgements = value;
    }

    /// <summary>
    /// Starts a host that owns <paramref name="queue"/> (disposed with it). Options default to a 5-second long poll
    /// rechecked every 200 ms; <paramref name="port"/> 0 takes a free port, another reopens a host where one was.
    /// </summary>
    public static async Task<PollEndToEndHost> StartAsync(ISecurityEventPollQueue queue, Action<PollTransmitterOptions>? configure = null, int port = 0)
    {
        var options = new PollTransmitterOptions
        {
            LongPollTimeout = TimeSpan.FromSeconds(5),
            RecheckInterval = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        var hook = options.SetErrorsReported;
        PollEndToEndHost? host = null;
        options.SetErrorsReported = async (stream, errors, cancellationToken) =>
        {
            host!.ReportedErrors.Enqueue((stream, errors));
            if (hook is not null)
            {
                await hook(stream, errors, cancellationToken);
            }
        };

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        host = new PollEndToEndHost(app, queue, new PollTransmitter(queue, options, TimeProvider.System));
        app.Run(host.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return host;
    }

    public Uri StreamUri(string stream = DefaultStream) => new(BaseAddress, "poll/" + Uri.EscapeDataString(stream));

    /// <summary>The endpoint a client polls: plain http on loopback.</summary>
    public PollEndpoint Endpoint(string stream = DefaultStream, string? authorization = null) =>
        new(StreamUri(stream)) { AllowHttp = true, AuthorizationHeader = authorization };

    /// <summary>The next <paramref name="count"/> responses that carry SETs are lost: handled, leased, then aborted.</summary>
    public void LoseResponses(int count = 1) => Interlocked.Add(ref _responsesToLose, count);

    public async Task PublishAsync(IReadOnlyList<string> sets, string stream = DefaultStream) =>
        await Transmitter.PublishAsync(stream, sets);

    /// <summary>How many SETs are pending (leased or not), on every stream.</summary>
    public async Task<long> PendingAsync() => (await Queue.GetStatisticsAsync()).Pending;

    /// <summary>Every <c>jti</c> the recipient was actually shown, in order (lost and unanswered responses left out).</summary>
    public IReadOnlyList<string> Delivered() =>
        [.. Exchanges.Where(e => e.Fate == PollExchangeFate.Answered).SelectMany(e => e.Offered)];

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        if (Queue is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        const string Prefix = "/poll/";
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        // Buffered, so that the fault decision can look at the body; the transmitter still reads it as a stream.
        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            return;
        }

        var number = Interlocked.Increment(ref _requests);
        var body = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        var contentLanguage = context.Request.Headers.ContentLanguage.ToString() is { Length: > 0 } language ? language : null;
        var authorization = context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null;
        PollExchange Record(PollExchangeFate fate, int status = 0, IReadOnlyList<string>? offered = null, bool more = false)
        {
            var exchange = new PollExchange(number, body, contentLanguage, authorization, fate, status, offered ?? [], more);
            Exchanges.Enqueue(exchange);
            return exchange;
        }

        if (_dropAcknowledgements && CarriesAcknowledgements(body))
        {
            Record(PollExchangeFate.Dropped);
            context.Abort();
            return;
        }

        buffer.Position = 0;
        var request = new PollEndpointRequest
        {
            Method = context.Request.Method,
            ContentType = context.Request.ContentType,
            ContentLength = buffer.Length,
            Authorization = authorization,
            ContentLanguage = contentLanguage,
            Body = buffer,
            StreamId = Uri.UnescapeDataString(path[Prefix.Length..]),
        };

        PollEndpointResponse response;
        try
        {
            response = await Transmitter.HandleAsync(request, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            Record(PollExchangeFate.Gone);
            return;
        }

        var (offered, more) = Offered(response);
        if (offered.Count > 0 && TryTakeLoss())
        {
            Record(PollExchangeFate.Lost, response.StatusCode, offered, more);
            context.Abort();
            return;
        }

        // Recorded before the answer is written, so that whoever reads the answer finds the exchange recorded.
        Record(PollExchangeFate.Answered, response.StatusCode, offered, more);
        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.ContentType = value;
            }
            else
            {
                context.Response.Headers.Append(name, value);
            }
        }

        if (!response.Body.IsEmpty)
        {
            context.Response.ContentLength = response.Body.Length;
            try
            {
                await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The recipient went away; the transmitter offers the SETs again when their lease ends.
            }
        }
    }

    private bool TryTakeLoss()
    {
        while (true)
        {
            var left = Volatile.Read(ref _responsesToLose);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _responsesToLose, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    private static bool CarriesAcknowledgements(string body)
    {
        try
        {
            var json = JsonElement.Parse(body);
            return (json.TryGetProperty("ack", out var ack) && ack.ValueKind == JsonValueKind.Array && ack.GetArrayLength() > 0)
                || (json.TryGetProperty("setErrs", out var errs) && errs.ValueKind == JsonValueKind.Object && errs.EnumerateObject().Any());
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static (IReadOnlyList<string> Jtis, bool More) Offered(PollEndpointResponse response)
    {
        if (response.StatusCode != 200 || response.Body.IsEmpty)
        {
            return ([], false);
        }

        var json = JsonElement.Parse(response.Body.Span);
        return ([.. json.GetProperty("sets").EnumerateObject().Select(p => p.Name)], json.TryGetProperty("moreAvailable", out var more) && more.GetBoolean());
    }
}
