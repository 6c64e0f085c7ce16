using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Push;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>
/// One receiver of an <see cref="SsfTransmitterHost"/>, built from the library's receiver side: discovery, an
/// <see cref="SsfStreamClient"/> with the receiver's credential, a Kestrel <see cref="PushReceiver"/> in front of an
/// <see cref="SsfStreamEventSink"/>, and <see cref="PollClient"/>s for its poll streams, all handing SETs to one
/// recording sink. SETs are validated with the SSF profile and the keys served at the transmitter's <c>/jwks</c>.
/// </summary>
internal sealed class SsfReceiverHost : IAsyncDisposable
{
    private readonly HttpClient _http = PushTestKit.NewHttpClient();
    private readonly ConcurrentDictionary<string, PollClient> _pollClients = new(StringComparer.Ordinal);
    private readonly SsfTransmitterHost _transmitter;
    private LoopbackServer _server = null!;
    private JsonWebKeySet _keys = null!;

    private SsfReceiverHost(SsfTransmitterHost transmitter, string credential, string audience)
    {
        _transmitter = transmitter;
        Credential = credential;
        Audience = audience;
        Sink = new SsfStreamEventSink(Inner);
    }

    public string Credential { get; }

    public string Audience { get; }

    /// <summary>The stream management client, made from the discovered metadata.</summary>
    public SsfStreamClient Client { get; private set; } = null!;

    public SsfStreamEventSink Sink { get; }

    /// <summary>Every SET accepted, over push or poll, in the order accepted.</summary>
    public RecordingSink Inner { get; } = new();

    /// <summary>The <c>Authorization</c> header of every push received (<see langword="null"/> when there was none).</summary>
    public ConcurrentQueue<string?> PushAuthorizations { get; } = new();

    /// <summary>This receiver's push endpoint.</summary>
    public Uri PushUrl => new(_server.BaseAddress, "events");

    public IEnumerable<SecurityEventToken> Received => Inner.Accepted;

    public static async Task<SsfReceiverHost> StartAsync(SsfTransmitterHost transmitter, string credential = SsfTransmitterHost.ReceiverA, string audience = SsfTransmitterHost.AudienceA)
    {
        var host = new SsfReceiverHost(transmitter, credential, audience);
        host._keys = new JsonWebKeySet(await host._http.GetStringAsync(new Uri(transmitter.BaseAddress, "jwks")));
        var push = new PushReceiver(new PushReceiverOptions { ValidationParameters = host.Parameters() }, host.Sink);
        var endpoint = PushReceiverEndpoint.For(push);
        host._server = await LoopbackServer.StartAsync(context =>
        {
            host.PushAuthorizations.Enqueue(context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null);
            return endpoint(context);
        });
        var discovery = new SsfDiscovery(host._http, new SsfDiscoveryOptions { AllowHttp = true });
        var metadata = await discovery.DiscoverAsync(new Uri(transmitter.Issuer));
        host.Client = new SsfStreamClient(host._http, metadata, new SsfStreamClientOptions
        {
            AuthorizationHeader = credential,
            ExpectedAudience = audience,
            AllowHttp = true,
            MaxRetries = 0,
        });
        return host;
    }

    /// <summary>What this receiver accepts: the SSF profile, ES256, the transmitter's issuer and keys, its own audience.</summary>
    public SecurityEventTokenValidationParameters Parameters() => new()
    {
        Profile = SecurityEventProfile.SharedSignals,
        ValidIssuers = [_transmitter.Issuer],
        ValidAudiences = [Audience],
        SigningKeySet = _keys,
        ValidAlgorithms = ["ES256"],
    };

    /// <summary>A create request for a push stream to this receiver.</summary>
    public SsfStreamRequest PushStream(string? authorizationHeader = null, params string[] events) => new()
    {
        Delivery = new SsfDelivery { Method = SsfDeliveryMethods.Push, EndpointUrl = PushUrl.AbsoluteUri, AuthorizationHeader = authorizationHeader },
        EventsRequested = events.Length > 0 ? events : SsfTransmitterHost.EventsSupported,
    };

    /// <summary>A create request for a poll stream.</summary>
    public static SsfStreamRequest PollStream(params string[] events) => new()
    {
        Delivery = new SsfDelivery { Method = SsfDeliveryMethods.Poll },
        EventsRequested = events.Length > 0 ? events : SsfTransmitterHost.EventsSupported,
    };

    /// <summary>Polls a stream once, returning at once, and acknowledges what it accepted.</summary>
    public async Task<PollRoundResult> PollAsync(SsfStreamConfiguration stream)
    {
        var client = _pollClients.GetOrAdd(stream.Delivery.EndpointUrl!, url => new PollClient(_http, new PollClientOptions
        {
            Endpoint = new PollEndpoint(new Uri(url)) { AllowHttp = true, AuthorizationHeader = Credential },
            ValidationParameters = Parameters(),
            ReturnImmediately = true,
        }, Sink));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await client.PollOnceAsync(timeout.Token);
        await client.AcknowledgeAsync(timeout.Token);
        return result;
    }

    /// <summary>
    /// Polls until a round brings nothing: SETs about one principal are offered one at a time, each after the previous
    /// one is acknowledged, so that their order holds.
    /// </summary>
    public async Task<int> PollAllAsync(SsfStreamConfiguration stream)
    {
        var accepted = 0;
        for (var round = 0; round < 100; round++)
        {
            var result = await PollAsync(stream);
            if (result.Received == 0)
            {
                return accepted;
            }

            accepted += result.Accepted;
        }

        throw new InvalidOperationException("The poll stream did not run dry in 100 rounds.");
    }

    /// <summary>SETs received about a stream itself (<c>sub_id</c> opaque with the stream id): verification and stream-updated.</summary>
    public IReadOnlyList<SecurityEventToken> AboutStream(string streamId) =>
        [.. Received.Where(t => t.SubjectId is Tokens.Subjects.OpaqueSubjectIdentifier { Id: var id } && id == streamId)];

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }
}
