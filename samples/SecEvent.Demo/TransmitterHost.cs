using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Ssf;
using SecEvent.Revocation;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Events.OAuth;
using SecEvent.Tokens.Events.Risc;
using SecEvent.Tokens.Subjects;
using SecEvent.Transmitter;

namespace SecEvent.Demo;

/// <summary>
/// The OAuth authorization server and SSF transmitter: samples/SecEvent.Transmitter's Shared Signals (stream management,
/// poll endpoint), its keys, an RFC 7009 revocation endpoint, and a durable outbox whose dispatcher pushes to the
/// streams' endpoints. Its issuer is its own loopback address, so the transmitter is built once Kestrel has a port.
/// </summary>
internal sealed class TransmitterHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SharedSignals _ssf;
    private readonly HttpClient _pushHttp;
    private readonly CancellationTokenSource _stopping = new();
    private Task _dispatching = Task.CompletedTask;
    private RevocationRelay? _revocation;
    private int _refused;
    private int _unreachable;

    private TransmitterHost(WebApplication app, SharedSignals ssf, SqliteSecurityEventOutbox outbox, SigningCredentials signing, HttpClient pushHttp)
    {
        _app = app;
        _ssf = ssf;
        Outbox = outbox;
        Signing = signing;
        _pushHttp = pushHttp;
    }

    /// <summary>The events of the password-change scenario, which the relying party asks its streams for.</summary>
    public static IReadOnlyList<string> ScenarioEvents { get; } =
        [CaepEventTypes.CredentialChange, CaepEventTypes.SessionRevoked, RiscEventTypes.AccountDisabled, OAuthEventTypes.TokenRevoked];

    public Uri Address { get; private set; } = null!;

    public string Issuer => Address.GetLeftPart(UriPartial.Authority);

    public SsfTransmitter Transmitter => _ssf.Transmitter;

    /// <summary>Where the push streams' SETs wait until delivered.</summary>
    public SqliteSecurityEventOutbox Outbox { get; }

    /// <summary>Where the poll streams' SETs wait until the relying party acknowledges them.</summary>
    public SqliteSecurityEventOutbox PollQueue => _ssf.PollQueue;

    public SigningCredentials Signing { get; }

    /// <summary>The authorization server's live tokens; the revocation endpoint revokes from here.</summary>
    public TokenStore Tokens { get; } = new();

    /// <summary>Pushes the dispatcher will retry because the endpoint answered with an error status, such as 503.</summary>
    public int RetriesAfterErrorStatus => Volatile.Read(ref _refused);

    /// <summary>Pushes the dispatcher will retry because the endpoint could not be reached (refused, or the circuit open).</summary>
    public int RetriesUnreachable => Volatile.Read(ref _unreachable);

    public static async Task<TransmitterHost> StartAsync(string dataDirectory, Timeline timeline)
    {
        var key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "as-demo-1" };
        var signing = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256);
        var ssf = await SharedSignals.OpenAsync(Path.Combine(dataDirectory, "transmitter-streams.db"), Path.Combine(dataDirectory, "transmitter-poll.db"));
        var outbox = await SqliteSecurityEventOutbox.OpenExclusiveAsync(Path.Combine(dataDirectory, "transmitter-outbox.db"));

        // Receiver-chosen push URLs go through the SSRF guard, checked at connection time.
        var pushHttp = new HttpClient(SsfEndpointUrlGuard.CreateHandler(SharedSignals.EndpointPolicy)) { Timeout = Timeout.InfiniteTimeSpan };
        var app = Loopback.CreateBuilder(0).Build();
        var host = new TransmitterHost(app, ssf, outbox, signing, pushHttp);
        app.MapSharedSignals(() => host.Transmitter, maxRequestSize: 64 * 1024);
        app.MapPollTransmitter("/ssf/poll/{stream}", ssf.Poll);
        var jwks = PublicJwks.Serialize(key);
        app.MapGet("/jwks", () => Results.Text(jwks, "application/jwk-set+json"));
        app.MapPost("/revoke", (HttpRequest request) => host._revocation!.HandleAsync(request));
        await app.StartAsync();
        host.Address = Loopback.AddressOf(app);
        ssf.Start(host.Address, signing, outbox);
        host._revocation = new RevocationRelay(host, timeline);
        host.StartDispatcher(timeline);
        timeline.Step("transmitter", $"listening at {host.Address}: SSF configuration, streams, poll, keys, RFC 7009 revocation");
        return host;
    }

    /// <summary>Publishes one event about a subject to every stream that wants it, with the scenario's label as <c>txn</c>.</summary>
    public Task<SsfPublishResult> PublishAsync(SecurityEvent securityEvent, SubjectIdentifier subject, string label) =>
        Transmitter.PublishAsync(securityEvent, subject, label);

    private void StartDispatcher(Timeline timeline)
    {
        // Short delays and a short circuit break, so that the outage and the recovery fit in a few seconds.
        var client = new PushClient(_pushHttp, new PushClientOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(10),
            TotalTimeout = TimeSpan.FromSeconds(20),
            MaxRetryAttempts = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(100),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
            MaxRetryAfter = TimeSpan.FromSeconds(1),
            CircuitBreakerBreakDuration = TimeSpan.FromSeconds(1),
        });
        var dispatcher = new OutboxDispatcher(Outbox, client, new OutboxDispatcherOptions
        {
            ResolveEndpoint = _ssf.ResolveAsync,
            RetryBaseDelay = TimeSpan.FromMilliseconds(200),
            RetryMaxDelay = TimeSpan.FromSeconds(1),
            IdlePollInterval = TimeSpan.FromMilliseconds(200),
            ReleaseLeasesOnStart = true,
            Settled = settlement => Report(settlement, timeline),
        });
        _dispatching = Task.Run(() => dispatcher.RunAsync(_stopping.Token));
    }

    /// <summary>The dispatcher's failures on the timeline; deliveries show up where they arrive.</summary>
    private void Report(OutboxSettlement settlement, Timeline timeline)
    {
        var jti = settlement.Message.Jti is { Length: >= 8 } id ? id[..8] + "…" : "?";
        var attempt = settlement.Attempt;
        var cause = attempt?.StatusCode is { } status ? $"HTTP {status}" : attempt?.Cause ?? attempt?.Outcome.ToString() ?? "";
        switch (settlement.Kind)
        {
            case OutboxSettlementKind.Retry:
                if (attempt?.StatusCode is null)
                {
                    Interlocked.Increment(ref _unreachable);
                }
                else
                {
                    Interlocked.Increment(ref _refused);
                }

                timeline.Trouble("dispatcher", $"push of jti {jti} failed ({cause}); attempt {settlement.Message.Attempts + 1}, retry scheduled");
                break;
            case OutboxSettlementKind.DeadLetter:
                timeline.Trouble("dispatcher", $"jti {jti} dead-lettered: {settlement.Reason}");
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _dispatching;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _pushHttp.Dispose();
        _stopping.Dispose();
        await Outbox.DisposeAsync();
        await _ssf.DisposeAsync();
    }
}
