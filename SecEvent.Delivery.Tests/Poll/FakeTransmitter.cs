using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>A poll request as the fake transmitter received it.</summary>
public sealed record RecordedPoll(
    int Number,
    string Body,
    string? ContentType,
    string? Accept,
    string? Authorization,
    string? ContentLanguage,
    long ReceivedAt)
{
    public JsonElement Json => JsonElement.Parse(Body);

    public bool IsAcknowledgeOnly => Json.TryGetProperty("maxEvents", out var max) && max.GetInt32() == 0;

    public string[] Acks => Json.TryGetProperty("ack", out var ack) ? [.. ack.EnumerateArray().Select(a => a.GetString()!)] : [];

    public Dictionary<string, PollSetError> SetErrs => Json.TryGetProperty("setErrs", out var errs)
        ? errs.EnumerateObject().ToDictionary(p => p.Name, p => new PollSetError(p.Value.GetProperty("err").GetString()!, p.Value.GetProperty("description").GetString()!))
        : [];

    /// <summary>The member names of the body, sorted.</summary>
    public string[] Members => [.. Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}

/// <summary>
/// A scripted RFC 8936 transmitter on a real Kestrel server: it keeps SETs until they are acknowledged or reported,
/// offers every outstanding one to each poll, holds a long poll while nothing is waiting, and records every request.
/// <see cref="Script"/> may answer a request itself, for example with a fault.
/// </summary>
public sealed class FakeTransmitter : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly OrderedDictionary<string, string> _outstanding = new(StringComparer.Ordinal);
    private TaskCompletionSource _offered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    private FakeTransmitter()
    {
    }

    public ConcurrentQueue<RecordedPoll> Requests { get; } = new();

    /// <summary>Every <c>ack</c> entry the transmitter applied, in order, repeats included.</summary>
    public ConcurrentQueue<string> Acknowledged { get; } = new();

    /// <summary>Every <c>setErrs</c> entry the transmitter applied.</summary>
    public ConcurrentDictionary<string, PollSetError> Errors { get; } = new();

    public int Count => Volatile.Read(ref _count);

    /// <summary>How long a long poll is held while nothing is waiting.</summary>
    public TimeSpan Hold { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Runs first for each request; when it returns <see langword="true"/> it has answered, and nothing more is done.</summary>
    public Func<RecordedPoll, HttpContext, Task<bool>>? Script { get; set; }

    public LoopbackServer Server { get; private set; } = null!;

    public Uri Uri => new(Server.BaseAddress, "poll");

    public int OutstandingCount
    {
        get
        {
            lock (_gate)
            {
                return _outstanding.Count;
            }
        }
    }

    public static async Task<FakeTransmitter> StartAsync(Uri? address = null)
    {
        var fake = new FakeTransmitter();
        fake.Server = address is null
            ? await LoopbackServer.StartAsync(fake.HandleAsync)
            : await LoopbackServer.StartAsync(fake.HandleAsync, address);
        return fake;
    }

    public PollEndpoint Endpoint(string? authorization = null) => new(Uri) { AllowHttp = true, AuthorizationHeader = authorization };

    /// <summary>Makes SETs outstanding, keyed by their <c>jti</c> (or any key a test chooses), and wakes a held long poll.</summary>
    public void Offer(params (string Key, string Set)[] sets)
    {
        lock (_gate)
        {
            foreach (var (key, set) in sets)
            {
                _outstanding[key] = set;
            }

            _offered.TrySetResult();
        }
    }

    /// <summary>The queue's answer: apply <c>ack</c> and <c>setErrs</c>, then return what is outstanding, holding a long poll.</summary>
    public async Task AnswerAsync(HttpContext context, RecordedPoll poll)
    {
        if (!PollRequest.TryParse(Encoding.UTF8.GetBytes(poll.Body), out var request, out _))
        {
            context.Response.StatusCode = 400;
            return;
        }

        Apply(request);
        if (request.IsAcknowledgeOnly)
        {
            await WriteAsync(context, new PollResponse { Sets = new Dictionary<string, string>() });
            return;
        }

        var response = Take(request.MaxEvents, out var offered);
        if (response.Sets.Count == 0 && request.ReturnImmediately != true)
        {
            await offered.WaitAsync(Hold, context.RequestAborted).ContinueWith(_ => { });
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            response = Take(request.MaxEvents, out _);
        }

        await WriteAsync(context, response);
    }

    /// <summary>Applies a request's <c>ack</c> and <c>setErrs</c> without answering it.</summary>
    public void Apply(PollRequest request)
    {
        lock (_gate)
        {
            foreach (var jti in request.Acknowledgements ?? [])
            {
                Acknowledged.Enqueue(jti);
                _outstanding.Remove(jti);
            }

            foreach (var (jti, error) in request.SetErrors ?? new Dictionary<string, PollSetError>())
            {
                Errors[jti] = error;
                _outstanding.Remove(jti);
            }
        }
    }

    public static Task WriteAsync(HttpContext context, PollResponse response) =>
        WriteAsync(context, 200, Encoding.UTF8.GetString(response.ToUtf8Json()));

    public static async Task WriteAsync(HttpContext context, int status, string? body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        if (body is null)
        {
            return;
        }

        context.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    private PollResponse Take(int? maxEvents, out Task offered)
    {
        lock (_gate)
        {
            var limit = maxEvents ?? int.MaxValue;
            var sets = _outstanding.Take(limit).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            if (_offered.Task.IsCompleted)
            {
                _offered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            offered = _offered.Task;
            return new PollResponse { Sets = sets, MoreAvailable = _outstanding.Count > sets.Count };
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _count);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        var poll = new RecordedPoll(
            number,
            body,
            headers.ContentType.Count == 0 ? null : headers.ContentType.ToString(),
            headers.Accept.Count == 0 ? null : headers.Accept.ToString(),
            headers.Authorization.Count == 0 ? null : headers.Authorization.ToString(),
            headers.ContentLanguage.Count == 0 ? null : headers.ContentLanguage.ToString(),
            Stopwatch.GetTimestamp());
        Requests.Enqueue(poll);
        if (Script is { } script && await script(poll, context))
        {
            return;
        }

        await AnswerAsync(context, poll);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
