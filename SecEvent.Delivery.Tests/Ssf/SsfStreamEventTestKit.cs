using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Push;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>The transmitter's ES256 key, the receiver's SSF validation parameters, and SETs signed like a transmitter would.</summary>
internal static class SsfStreamEventTestKit
{
    /// <summary>The issuer and audience of the SSF 1.0 figures 46 and 47.</summary>
    public const string Issuer = "https://transmitter.example.com";
    public const string Audience = "receiver.example.com";

    /// <summary>The stream id of the SSF 1.0 figures 46 and 47.</summary>
    public const string FigureStream = "f67e39a0a4d34d56b3aa1bc4cff0069f";

    /// <summary>Long enough that nothing times out by accident on a busy 2-core machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>How long a verification that can never be answered is given before it must time out.</summary>
    public static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(2);

    public static readonly ECDsaSecurityKey Key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ssf-es256" };

    private static readonly SecurityEventTokenHandler Handler = new(TimeProvider.System);
    private static int _jti;

    public static string NextJti(string prefix) => $"{prefix}-{Interlocked.Increment(ref _jti)}";

    /// <summary>What a receiver of this transmitter accepts: the SSF profile, ES256 only, the transmitter's public key.</summary>
    public static SecurityEventTokenValidationParameters Parameters() => new()
    {
        Profile = SecurityEventProfile.SharedSignals,
        ValidIssuers = [Issuer],
        ValidAudiences = [Audience, "receiver.example.com/web"],
        SigningKeys = [new ECDsaSecurityKey(ECDsa.Create(Key.ECDsa.ExportParameters(false))) { KeyId = Key.KeyId }],
        ValidAlgorithms = ["ES256"],
    };

    /// <summary>A verification SET for a stream, echoing <paramref name="state"/> (none when <see langword="null"/>).</summary>
    public static string VerificationSet(string streamId, string? state, string? jti = null) =>
        Sign(streamId, new SsfVerificationEvent { State = state }, jti ?? NextJti("verify"), DateTimeOffset.UtcNow);

    /// <summary>A stream-updated SET issued at <paramref name="issuedAt"/>.</summary>
    public static string StreamUpdatedSet(string streamId, string status, string? reason, DateTimeOffset issuedAt, string? jti = null) =>
        Sign(streamId, new SsfStreamUpdatedEvent { Status = status, Reason = reason }, jti ?? NextJti("updated"), issuedAt);

    /// <summary>A figure's payload exactly as printed, signed ES256 with <c>typ</c> <c>secevent+jwt</c>.</summary>
    public static string SignPayload(JsonNode payload) =>
        RawToken.SignEcdsa(
            $$"""{"alg":"ES256","typ":"secevent+jwt","kid":"{{Key.KeyId}}"}""",
            payload.ToJsonString(),
            Key.ECDsa,
            HashAlgorithmName.SHA256);

    /// <summary>The payload of a vector as a mutable node.</summary>
    public static JsonNode Figure(string name) => JsonNode.Parse(PushTestKit.Vector(name).GetRawText())!;

    public static RecordingSink Inner() => new();

    private static string Sign(string streamId, SecurityEvent securityEvent, string jti, DateTimeOffset issuedAt) =>
        Handler.CreateToken(new SecurityEventTokenDescriptor
        {
            Profile = SecurityEventProfile.SharedSignals,
            Issuer = Issuer,
            Audiences = [Audience],
            JwtId = jti,
            IssuedAt = NumericDate.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(issuedAt.ToUnixTimeSeconds())),
            SubjectId = new OpaqueSubjectIdentifier { Id = streamId },
            Events = [securityEvent],
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.EcdsaSha256),
        });
}

/// <summary>How the stub transmitter answers a verification request.</summary>
internal enum StateEcho
{
    /// <summary>The state as received (SSF-37).</summary>
    Exact,

    /// <summary>A state differing from the received one in its last character.</summary>
    Wrong,

    /// <summary>The received state in upper case: equal only to a case-insensitive comparison.</summary>
    Uppercased,
}

/// <summary>What a push of one SET came back with, as the transmitter saw it.</summary>
internal sealed record PushObservation(string Set, int Status, string? Err, string? Description);

/// <summary>
/// An SSF transmitter on a real Kestrel server: POST <c>/verify</c> with <c>{stream_id, state}</c> answers 204 and then
/// delivers a signed verification SET through <see cref="Deliver"/> (push or poll, chosen by the test).
/// </summary>
internal sealed class SsfStreamEventStubTransmitter : IAsyncDisposable
{
    private readonly List<Task> _background = [];
    private readonly List<string> _held = [];
    private readonly HttpClient _http = PushTestKit.NewHttpClient();

    private SsfStreamEventStubTransmitter(Func<string, CancellationToken, Task> deliver) => Deliver = deliver;

    public LoopbackServer Server { get; private set; } = null!;

    /// <summary>Delivers one SET to the receiver.</summary>
    public Func<string, CancellationToken, Task> Deliver { get; }

    public StateEcho Echo { get; set; } = StateEcho.Exact;

    /// <summary>When set, the SET is delivered (and its delivery finished) before the 204 is written.</summary>
    public bool DeliverBeforeAnswering { get; set; }

    /// <summary>When positive, verification SETs are held until this many are due, then delivered in reverse order.</summary>
    public int HoldUntil { get; set; }

    /// <summary>Every verification request received, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<SsfVerificationRequest> Requests { get; } = new();

    public static async Task<SsfStreamEventStubTransmitter> StartAsync(Func<string, CancellationToken, Task> deliver)
    {
        var stub = new SsfStreamEventStubTransmitter(deliver);
        stub.Server = await LoopbackServer.StartAsync(stub.HandleAsync);
        return stub;
    }

    /// <summary>
    /// The receiver's side of the verification endpoint (OpenID SSF 1.0 §8.1.4.2): POSTs the request and expects 204. Its
    /// shape is that of a stream management client's <c>RequestVerificationAsync</c>.
    /// </summary>
    public async Task RequestVerificationAsync(SsfVerificationRequest request, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(request.ToUtf8Json());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(new Uri(Server.BaseAddress, "verify"), content, cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.NoContent)
        {
            throw new HttpRequestException($"The verification endpoint answered {(int)response.StatusCode}.");
        }
    }

    /// <summary>Waits for every delivery started after a 204, rethrowing a failed one.</summary>
    public async Task DrainAsync()
    {
        Task[] running;
        lock (_background)
        {
            running = [.. _background];
        }

        await Task.WhenAll(running).WaitAsync(SsfStreamEventTestKit.Patience);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _http.Dispose();
    }

    private async Task HandleAsync(Microsoft.AspNetCore.Http.HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (context.Request.Path != "/verify" || !SsfVerificationRequest.TryParse(buffer.ToArray(), out var request, out _))
        {
            context.Response.StatusCode = 400;
            return;
        }

        Requests.Enqueue(request);
        var state = request.State is null ? null : Echo switch
        {
            StateEcho.Wrong => Mangle(request.State),
            StateEcho.Uppercased => request.State.ToUpperInvariant(),
            _ => request.State,
        };
        var set = SsfStreamEventTestKit.VerificationSet(request.StreamId, state);
        if (DeliverBeforeAnswering)
        {
            await Deliver(set, CancellationToken.None);
            context.Response.StatusCode = 204;
            return;
        }

        context.Response.StatusCode = 204;
        context.Response.OnCompleted(() =>
        {
            // 204 means "will send, possibly later" (SSF-37): the event follows the answer.
            string[] due;
            lock (_held)
            {
                _held.Add(set);
                if (_held.Count < HoldUntil)
                {
                    return Task.CompletedTask;
                }

                due = [.. Enumerable.Reverse(_held)];
                _held.Clear();
            }

            lock (_background)
            {
                _background.Add(Task.Run(async () =>
                {
                    foreach (var s in due)
                    {
                        await Deliver(s, CancellationToken.None);
                    }
                }));
            }

            return Task.CompletedTask;
        });
    }

    private static string Mangle(string state) => state[..^1] + (state[^1] == 'A' ? 'B' : 'A');
}

/// <summary>A <see cref="PushReceiver"/> on Kestrel in front of an <see cref="SsfStreamEventSink"/>, and the pushes made to it.</summary>
internal sealed class SsfStreamEventPushReceiver : IAsyncDisposable
{
    private readonly HttpClient _http = PushTestKit.NewHttpClient();

    private SsfStreamEventPushReceiver(SsfStreamEventSink sink, RecordingSink inner)
    {
        Sink = sink;
        Inner = inner;
    }

    public SsfStreamEventSink Sink { get; }

    public RecordingSink Inner { get; }

    public LoopbackServer Server { get; private set; } = null!;

    /// <summary>Every push answered, as the transmitter saw it.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<PushObservation> Pushes { get; } = new();

    public static async Task<SsfStreamEventPushReceiver> StartAsync(SsfStreamEventSinkOptions? options = null, Microsoft.Extensions.Logging.ILoggerFactory? logs = null)
    {
        var inner = SsfStreamEventTestKit.Inner();
        var ssf = new SsfStreamEventSink(inner, options, loggerFactory: logs);
        var receiver = new PushReceiver(new PushReceiverOptions { ValidationParameters = SsfStreamEventTestKit.Parameters() }, ssf, loggerFactory: logs);
        var host = new SsfStreamEventPushReceiver(ssf, inner);
        host.Server = await LoopbackServer.StartAsync(PushReceiverEndpoint.For(receiver));
        return host;
    }

    /// <summary>Pushes a SET as RFC 8935 §2.1 says and records the answer.</summary>
    public async Task PushAsync(string set, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(set, Encoding.ASCII);
        content.Headers.ContentType = new MediaTypeHeaderValue(SecurityEventMediaTypes.SecurityEventJwt);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.BaseAddress, "events")) { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? err = null, description = null;
        if (body.Length > 0)
        {
            var json = JsonElement.Parse(body);
            err = json.GetProperty("err").GetString();
            description = json.GetProperty("description").GetString();
        }

        Pushes.Enqueue(new PushObservation(set, (int)response.StatusCode, err, description));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _http.Dispose();
    }
}
