using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>
/// A transmitter on real Kestrel (127.0.0.1, free port) built from the OpenID SSF 1.0 figures: its configuration is
/// figure 19 and each management route answers with its figure (22, 24, 26, 30, 32, 34, 36, 39, 41, 43, 45), the
/// figures' issuer replaced by the stub's own. Tests script other answers per route and read back every request.
/// </summary>
/// <remarks>The endpoints are the paths of the request figures (21–44), so a conforming client's request equals its figure.</remarks>
public sealed class SsfTransmitterStub : IAsyncDisposable
{
    /// <summary>The issuer the figures use, replaced in every body by <see cref="Issuer"/>.</summary>
    public const string FigureIssuer = "https://tr.example.com";

    /// <summary>The <c>stream_id</c> of the figures.</summary>
    public const string FigureStreamId = "f67e39a0a4d34d56b3aa1bc4cff0069f";

    /// <summary>The <c>Authorization</c> value of the request figures.</summary>
    public const string FigureAuthorization = "Bearer eyJ0b2tlbiI6ImV4YW1wbGUifQo=";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<StubAnswer>> _scripted = new(StringComparer.Ordinal);
    private LoopbackServer _server = null!;

    private SsfTransmitterStub()
    {
    }

    /// <summary>The stub's issuer, such as <c>http://127.0.0.1:51234</c>.</summary>
    public string Issuer => _server.BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    /// <summary>The figure answering GET without <c>stream_id</c>: 26 (two streams), 27 (one) or 28 (none).</summary>
    public string ListFigure { get; set; } = "ssf-fig26-read-streams-response-many";

    /// <summary>Replaces the configuration's <c>authorization_schemes</c>; <see langword="null"/> keeps figure 19's.</summary>
    public string? AuthorizationSchemesJson { get; set; }

    /// <summary>
    /// Runs after each answer has been sent, in the background, as a transmitter sending events after its 204 would.
    /// Its failures are kept in <see cref="AfterAnswerFailures"/>.
    /// </summary>
    public Func<StubRequest, Task>? AfterAnswer { get; set; }

    /// <summary>What <see cref="AfterAnswer"/> threw.</summary>
    public ConcurrentQueue<Exception> AfterAnswerFailures { get; } = new();

    /// <summary>Starts the stub.</summary>
    public static async Task<SsfTransmitterStub> StartAsync()
    {
        var stub = new SsfTransmitterStub();
        stub._server = await LoopbackServer.StartAsync(stub.HandleAsync);
        return stub;
    }

    /// <summary>The body of figure <paramref name="name"/> with the figures' issuer replaced by <paramref name="issuer"/>.</summary>
    public static string FigureBody(string name, string issuer) =>
        Vectors.Named(name).Data.GetProperty("body").GetRawText().Replace(FigureIssuer, issuer, StringComparison.Ordinal);

    /// <summary>The stub's configuration: figure 19 on the stub's issuer, with the request figures' paths as endpoints.</summary>
    public string Configuration()
    {
        var body = FigureBody("ssf-fig19-transmitter-metadata", Issuer)
            .Replace("/ssf/mgmt/stream", "/ssf/stream", StringComparison.Ordinal)
            .Replace("/ssf/mgmt/status", "/ssf/status", StringComparison.Ordinal)
            .Replace("/ssf/mgmt/subject:add", "/ssf/subjects:add", StringComparison.Ordinal)
            .Replace("/ssf/mgmt/subject:remove", "/ssf/subjects:remove", StringComparison.Ordinal)
            .Replace("/ssf/mgmt/verification", "/ssf/verify", StringComparison.Ordinal);
        if (AuthorizationSchemesJson is { } schemes)
        {
            using var document = JsonDocument.Parse(body);
            var members = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
            members["authorization_schemes"] = JsonDocument.Parse(schemes).RootElement.Clone();
            body = JsonSerializer.Serialize(members);
        }

        return body;
    }

    /// <summary>The route (method and path) of <paramref name="operation"/> on the stub, for <see cref="Script"/>.</summary>
    public static string Route(SsfStreamOperation operation) => operation switch
    {
        SsfStreamOperation.Create => "POST /ssf/stream",
        SsfStreamOperation.Read => "GET /ssf/stream",
        SsfStreamOperation.Update => "PATCH /ssf/stream",
        SsfStreamOperation.Replace => "PUT /ssf/stream",
        SsfStreamOperation.Delete => "DELETE /ssf/stream",
        SsfStreamOperation.ReadStatus => "GET /ssf/status",
        SsfStreamOperation.UpdateStatus => "POST /ssf/status",
        SsfStreamOperation.AddSubject => "POST /ssf/subjects:add",
        SsfStreamOperation.RemoveSubject => "POST /ssf/subjects:remove",
        _ => "POST /ssf/verify",
    };

    /// <summary>Answers the next requests on <paramref name="route"/> (such as <c>POST /ssf/stream</c>) with <paramref name="answers"/>, in order, before the figures.</summary>
    public void Script(string route, params StubAnswer[] answers)
    {
        var queue = _scripted.GetOrAdd(route, _ => new ConcurrentQueue<StubAnswer>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>Stops the stub; later connections are refused.</summary>
    public Task StopAsync() => _server.StopAsync();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var received = new StubRequest(request.Method, request.Path + request.QueryString, request.Headers.Authorization.ToString(), request.ContentType, body, DateTimeOffset.UtcNow);
        Requests.Enqueue(received);
        if (AfterAnswer is { } after)
        {
            context.Response.OnCompleted(() =>
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await after(received);
                    }
                    catch (Exception ex)
                    {
                        AfterAnswerFailures.Enqueue(ex);
                    }
                });
                return Task.CompletedTask;
            });
        }

        var route = $"{request.Method} {request.Path}";
        var answer = _scripted.TryGetValue(route, out var queue) && queue.TryDequeue(out var scripted) ? scripted : Figure(request, route);
        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (answer.Abort)
        {
            context.Abort();
            return;
        }

        var headers = answer.Headers ?? [];
        if (answer.ContentType is { } contentType)
        {
            headers = [.. headers, new("Content-Type", contentType)];
        }

        await ResponseWriter.WriteAsync(context, answer.Status, headers, answer.Body is null ? default : Encoding.UTF8.GetBytes(answer.Body));
    }

    private StubAnswer Figure(HttpRequest request, string route) => route switch
    {
        "GET /.well-known/ssf-configuration" => new StubAnswer(200, Configuration()),
        "POST /ssf/stream" => FromFigure("ssf-fig22-create-stream-response"),
        "GET /ssf/stream" => FromFigure(request.Query.ContainsKey("stream_id") ? "ssf-fig24-read-stream-response" : ListFigure),
        "PATCH /ssf/stream" => FromFigure("ssf-fig30-update-stream-response"),
        "PUT /ssf/stream" => FromFigure("ssf-fig32-replace-stream-response"),
        "DELETE /ssf/stream" => FromFigure("ssf-fig34-delete-stream-response"),
        "GET /ssf/status" => FromFigure("ssf-fig36-status-response"),
        "POST /ssf/status" => FromFigure("ssf-fig39-update-status-response"),
        "POST /ssf/subjects:add" => FromFigure("ssf-fig41-add-subject-response"),
        "POST /ssf/subjects:remove" => FromFigure("ssf-fig43-remove-subject-response"),
        "POST /ssf/verify" => FromFigure("ssf-fig45-verify-response"),
        _ => new StubAnswer(404, null, null),
    };

    /// <summary>A response figure as printed: its status, its headers (Content-Type and Cache-Control) and its body.</summary>
    private StubAnswer FromFigure(string name)
    {
        var data = Vectors.Named(name).Data;
        var headers = data.GetProperty("headers").EnumerateArray()
            .Select(h => new KeyValuePair<string, string>(h[0].GetString()!, h[1].GetString()!))
            .Where(h => h.Key is "Content-Type" or "Cache-Control")
            .ToList();
        var body = data.GetProperty("body").ValueKind == JsonValueKind.Null ? null : FigureBody(name, Issuer);
        return new StubAnswer(data.GetProperty("status").GetInt32(), body, null, headers);
    }
}

/// <summary>One answer of <see cref="SsfTransmitterStub"/>.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Body">The body, or none.</param>
/// <param name="ContentType">The Content-Type, or none.</param>
/// <param name="Headers">Further headers.</param>
/// <param name="Delay">How long to wait before answering.</param>
/// <param name="Abort">Resets the connection instead of answering.</param>
public sealed record StubAnswer(int Status, string? Body, string? ContentType = "application/json", IReadOnlyList<KeyValuePair<string, string>>? Headers = null, TimeSpan Delay = default, bool Abort = false);

/// <summary>One request <see cref="SsfTransmitterStub"/> received.</summary>
/// <param name="Method">The method.</param>
/// <param name="Target">The path and query.</param>
/// <param name="Authorization">The Authorization value, empty when absent.</param>
/// <param name="ContentType">The Content-Type, if any.</param>
/// <param name="Body">The body, empty when absent.</param>
/// <param name="ReceivedAt">When it arrived.</param>
public sealed record StubRequest(string Method, string Target, string Authorization, string? ContentType, string Body, DateTimeOffset ReceivedAt);
