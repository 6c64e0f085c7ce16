using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Outbox;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens.Events.Caep;

namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>
/// An SSF transmitter on a real Kestrel server, as a deployment maps it: <c>/.well-known/ssf-configuration</c>, the five
/// management endpoints through <see cref="SsfTransmitter.HandleAsync"/>, a poll endpoint per stream, <c>/jwks</c>, and
/// push through an outbox whose dispatcher a test drains. The issuer is the server's own base URL, so discovery works.
/// </summary>
/// <remarks>
/// Credentials: <c>Bearer receiver-a</c> is receiver <c>a</c> (aud <see cref="AudienceA"/>), <c>Bearer receiver-b</c>
/// is <c>b</c>, <c>Bearer no-ssf</c> is a valid credential without access (403), anything else 401.
/// </remarks>
internal sealed class SsfTransmitterHost : IAsyncDisposable
{
    public const string AudienceA = "https://a.example.com";
    public const string AudienceB = "https://b.example.com";
    public const string ReceiverA = "Bearer receiver-a";
    public const string ReceiverB = "Bearer receiver-b";
    public const string NoSsf = "Bearer no-ssf";

    public const string ConfigurationPath = "/ssf/stream";
    public const string StatusPath = "/ssf/status";
    public const string AddSubjectPath = "/ssf/subjects:add";
    public const string RemoveSubjectPath = "/ssf/subjects:remove";
    public const string VerificationPath = "/ssf/verify";
    public const string PollPathPrefix = "/ssf/poll/";

    /// <summary>The event types offered: CAEP session-revoked and credential-change.</summary>
    public static readonly string[] EventsSupported = [CaepEventTypes.SessionRevoked, CaepEventTypes.CredentialChange];

    private static readonly Dictionary<string, SsfManagementEndpoint> Routes = new(StringComparer.Ordinal)
    {
        [ConfigurationPath] = SsfManagementEndpoint.Configuration,
        [StatusPath] = SsfManagementEndpoint.Status,
        [AddSubjectPath] = SsfManagementEndpoint.AddSubject,
        [RemoveSubjectPath] = SsfManagementEndpoint.RemoveSubject,
        [VerificationPath] = SsfManagementEndpoint.Verification,
    };

    private readonly HttpClient _pushHttp;
    private readonly HttpClient _http = Push.PushTestKit.NewHttpClient();
    private LoopbackServer _server = null!;
    private SsfTransmitter _transmitter = null!;
    private PollTransmitter _poll = null!;

    private SsfTransmitterHost(ISsfStreamStore store, SsfEndpointUrlPolicy? connectPolicy)
    {
        Store = store;
        _pushHttp = connectPolicy is null
            ? Push.PushTestKit.NewHttpClient()
            : new HttpClient(SsfEndpointUrlGuard.CreateHandler(connectPolicy)) { Timeout = Timeout.InfiniteTimeSpan };
        PushClient = new PushClient(_pushHttp, OutboxRig.ClientWithoutRetries());
    }

    public ECDsaSecurityKey Key { get; } = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ssf-transmitter" };

    public ISsfStreamStore Store { get; }

    public InMemorySecurityEventOutbox PushOutbox { get; } = new();

    public InMemorySecurityEventOutbox PollQueue { get; } = new();

    public PushClient PushClient { get; }

    public OutboxDispatcher Dispatcher { get; private set; } = null!;

    public SsfTransmitter Transmitter => _transmitter;

    /// <summary>What the dispatcher settled, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<OutboxSettlement> Settlements { get; } = new();

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>The issuer: the base URL without its trailing slash.</summary>
    public string Issuer => _server.BaseAddress.AbsoluteUri.TrimEnd('/');

    /// <summary>
    /// Starts a transmitter. Its endpoint policy admits http and loopback (the receivers of a test live on 127.0.0.1)
    /// unless <paramref name="configure"/> says otherwise; <paramref name="connectPolicy"/>, when given, also guards the
    /// addresses the push client connects to.
    /// </summary>
    public static async Task<SsfTransmitterHost> StartAsync(
        Action<SsfTransmitterOptions>? configure = null,
        ISsfStreamStore? store = null,
        TimeProvider? timeProvider = null,
        SsfEndpointUrlPolicy? connectPolicy = null)
    {
        var host = new SsfTransmitterHost(store ?? new InMemorySsfStreamStore(), connectPolicy);
        host._server = await LoopbackServer.StartAsync(host.HandleAsync);
        var issuer = host.Issuer;
        var options = new SsfTransmitterOptions
        {
            Issuer = issuer,
            JwksUri = issuer + "/jwks",
            ConfigurationEndpoint = issuer + ConfigurationPath,
            StatusEndpoint = issuer + StatusPath,
            AddSubjectEndpoint = issuer + AddSubjectPath,
            RemoveSubjectEndpoint = issuer + RemoveSubjectPath,
            VerificationEndpoint = issuer + VerificationPath,
            PollEndpointUrl = streamId => issuer + PollPathPrefix + streamId,
            EventsSupported = EventsSupported,
            Authorize = AuthorizeAsync,
            SigningCredentials = new SigningCredentials(host.Key, SecurityAlgorithms.EcdsaSha256),
        };
        options.EndpointUrlPolicy.AllowHttp = true;
        options.EndpointUrlPolicy.AllowLoopback = true;
        configure?.Invoke(options);
        host._transmitter = new SsfTransmitter(options, host.Store, host.PushOutbox, host.PollQueue, timeProvider);
        host._poll = new PollTransmitter(host.PollQueue, new PollTransmitterOptions { AuthorizeReceiver = host._transmitter.AuthorizePollAsync });
        host.Dispatcher = new OutboxDispatcher(host.PushOutbox, host.PushClient, new OutboxDispatcherOptions
        {
            ResolveEndpoint = host._transmitter.ResolvePushEndpointAsync,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(100),
            IdlePollInterval = TimeSpan.FromMilliseconds(200),
            MaxAge = TimeSpan.FromMinutes(5),
            MaxConcurrencyPerDestination = 1,
            Settled = host.Settlements.Enqueue,
        });
        return host;
    }

    /// <summary>The receiver behind a credential (SSF-22).</summary>
    public static ValueTask<SsfAuthorizationResult> AuthorizeAsync(SsfAuthorizationContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(context.Authorization switch
        {
            ReceiverA => SsfAuthorizationResult.Allow(new SsfReceiver("a", [AudienceA])),
            ReceiverB => SsfAuthorizationResult.Allow(new SsfReceiver("b", [AudienceB])),
            NoSsf => SsfAuthorizationResult.Forbidden(),
            _ => SsfAuthorizationResult.Unauthenticated("Bearer error=\"invalid_token\""),
        });

    /// <summary>Pushes everything queued, failing the test rather than hanging it.</summary>
    public async Task DrainPushAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Dispatcher.DrainAsync(timeout.Token);
    }

    /// <summary>Sends a raw management request, as a conformance suite would: <paramref name="pathAndQuery"/> relative to the issuer.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string? credential, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress, pathAndQuery.TrimStart('/')));
        if (credential is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", credential);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Creates a poll stream for the receiver behind <paramref name="credential"/> with a raw request; its id.</summary>
    public async Task<string> CreatePollStreamAsync(string credential)
    {
        using var response = await SendAsync(HttpMethod.Post, ConfigurationPath, credential, $$"""{"delivery":{"method":"urn:ietf:rfc:8936"},"events_requested":["{{CaepEventTypes.SessionRevoked}}"]}""");
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"Create answered {(int)response.StatusCode}: {body}");
        }

        return JsonElement.Parse(body).GetProperty("stream_id").GetString()!;
    }

    /// <summary>The public keys, as served at <c>/jwks</c>.</summary>
    public string Jwks() => SecEvent.Transmitter.PublicJwks.Serialize(Key);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _pushHttp.Dispose();
        _http.Dispose();
        if (Store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        if (path == "/.well-known/ssf-configuration" && http.Request.Method == "GET")
        {
            await ResponseWriter.WriteAsync(http, 200, [new("Content-Type", "application/json")], _transmitter.Metadata.ToUtf8Json());
        }
        else if (path == "/jwks")
        {
            await ResponseWriter.WriteAsync(http, 200, [new("Content-Type", "application/jwk-set+json")], Encoding.UTF8.GetBytes(Jwks()));
        }
        else if (path.StartsWith(PollPathPrefix, StringComparison.Ordinal))
        {
            await PollAsync(http, path[PollPathPrefix.Length..]);
        }
        else if (Routes.TryGetValue(path, out var route))
        {
            await ManageAsync(http, route);
        }
        else
        {
            http.Response.StatusCode = 404;
        }
    }

    private async Task ManageAsync(HttpContext http, SsfManagementEndpoint endpoint)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var response = await _transmitter.HandleAsync(new SsfManagementRequest
        {
            Endpoint = endpoint,
            Method = http.Request.Method,
            StreamId = http.Request.Query.TryGetValue("stream_id", out var id) ? id.ToString() : null,
            Authorization = http.Request.Headers.Authorization.Count > 0 ? http.Request.Headers.Authorization.ToString() : null,
            ContentType = http.Request.ContentType,
            Body = buffer.ToArray(),
        }, http.RequestAborted);
        IEnumerable<KeyValuePair<string, string>> headers = response.ContentType is { } type
            ? [.. response.Headers, new("Content-Type", type)]
            : response.Headers;
        await ResponseWriter.WriteAsync(http, response.StatusCode, headers, response.Body);
    }

    private async Task PollAsync(HttpContext http, string streamId)
    {
        PollEndpointResponse response;
        try
        {
            response = await _poll.HandleAsync(new PollEndpointRequest
            {
                StreamId = streamId,
                Method = http.Request.Method,
                ContentType = http.Request.ContentType,
                ContentLength = http.Request.ContentLength,
                ContentLanguage = http.Request.Headers.ContentLanguage,
                Authorization = http.Request.Headers.Authorization.Count > 0 ? http.Request.Headers.Authorization.ToString() : null,
                Body = http.Request.Body,
            }, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        await ResponseWriter.WriteAsync(http, response.StatusCode, response.Headers, response.Body);
    }
}
