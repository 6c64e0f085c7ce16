using Microsoft.IdentityModel.Tokens;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Events.OAuth;
using SecEvent.Tokens.Events.Risc;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Transmitter;

/// <summary>
/// The Shared Signals side of the sample: an <see cref="SsfTransmitter"/> whose streams live in a SQLite file, whose push
/// SETs go through the host's outbox and whose poll streams are served at <c>/ssf/poll/{stream}</c> from a queue of
/// their own. The issuer is the host's own address, so it exists only once the host has started.
/// </summary>
internal sealed class SharedSignals : IAsyncDisposable
{
    /// <summary>The receivers this transmitter knows, by credential. In real life: OAuth access tokens checked by the authorization server.</summary>
    private static readonly Dictionary<string, SsfReceiver> Credentials = new(StringComparer.Ordinal)
    {
        ["Bearer rp-ssf-credential"] = new SsfReceiver("rp", ["https://rp.example.com"]),
        ["Bearer other-ssf-credential"] = new SsfReceiver("other", ["https://other.example.com"]),
    };

    private readonly SqliteSsfStreamStore _streams;
    private readonly SqliteSecurityEventOutbox _pollQueue;
    private SsfTransmitter? _transmitter;

    private SharedSignals(SqliteSsfStreamStore streams, SqliteSecurityEventOutbox pollQueue)
    {
        _streams = streams;
        _pollQueue = pollQueue;
        Poll = new PollTransmitter(pollQueue, new PollTransmitterOptions
        {
            AuthorizeReceiver = (request, cancellationToken) => Transmitter.AuthorizePollAsync(request, cancellationToken),
            LongPollTimeout = TimeSpan.FromSeconds(30),
        });
    }

    /// <summary>
    /// What a receiver-supplied push <c>endpoint_url</c> may be. This sample runs on loopback over plain http, so it admits
    /// both; a real transmitter keeps the defaults (https only, no loopback, private or link-local addresses).
    /// </summary>
    public static SsfEndpointUrlPolicy EndpointPolicy { get; } = new() { AllowHttp = true, AllowLoopback = true };

    /// <summary>The transmitter, once <see cref="Start"/> has run.</summary>
    public SsfTransmitter Transmitter => _transmitter ?? throw new InvalidOperationException("The host has not started yet.");

    /// <summary>The poll endpoint of the SSF poll streams.</summary>
    public PollTransmitter Poll { get; }

    /// <summary>The poll queue, for the smoke run's checks.</summary>
    public SqliteSecurityEventOutbox PollQueue => _pollQueue;

    public static async Task<SharedSignals> OpenAsync(string streamsPath, string pollPath) =>
        new(await SqliteSsfStreamStore.OpenAsync(streamsPath), await SqliteSecurityEventOutbox.OpenExclusiveAsync(pollPath));

    /// <summary>Builds the transmitter for the host's <paramref name="address"/>, its issuer.</summary>
    public void Start(Uri address, SigningCredentials signing, ISecurityEventOutbox outbox)
    {
        var issuer = address.GetLeftPart(UriPartial.Authority);
        _transmitter = new SsfTransmitter(new SsfTransmitterOptions
        {
            Issuer = issuer,
            JwksUri = issuer + "/jwks",
            ConfigurationEndpoint = issuer + SsfEndpoints.Configuration,
            StatusEndpoint = issuer + SsfEndpoints.Status,
            AddSubjectEndpoint = issuer + SsfEndpoints.AddSubject,
            RemoveSubjectEndpoint = issuer + SsfEndpoints.RemoveSubject,
            VerificationEndpoint = issuer + SsfEndpoints.Verification,
            PollEndpointUrl = stream => $"{issuer}/ssf/poll/{stream}",
            EventsSupported = [CaepEventTypes.SessionRevoked, CaepEventTypes.CredentialChange, RiscEventTypes.AccountDisabled, OAuthEventTypes.TokenRevoked],
            MinVerificationInterval = TimeSpan.FromSeconds(1),
            Authorize = (request, _) => ValueTask.FromResult(
                request.Authorization is null ? SsfAuthorizationResult.Unauthenticated()
                : Credentials.TryGetValue(request.Authorization, out var receiver) ? SsfAuthorizationResult.Allow(receiver)
                : SsfAuthorizationResult.Unauthenticated("Bearer error=\"invalid_token\"")),
            SigningCredentials = signing,
            EndpointUrlPolicy = EndpointPolicy,
        }, _streams, outbox, _pollQueue);
    }

    /// <summary>The push endpoint of an SSF stream, or <see langword="null"/> when the destination is not one.</summary>
    public ValueTask<PushEndpoint?> ResolveAsync(string destination, CancellationToken cancellationToken) =>
        _transmitter is null ? ValueTask.FromResult<PushEndpoint?>(null) : _transmitter.ResolvePushEndpointAsync(destination, cancellationToken);

    /// <summary>A user's sessions were revoked: every stream that wants it, and has the user, gets a CAEP session-revoked SET.</summary>
    public Task<SsfPublishResult> SessionRevokedAsync(string email, CancellationToken cancellationToken) =>
        Transmitter.PublishAsync(new CaepSessionRevoked { InitiatingEntity = CaepInitiatingEntity.Policy }, new EmailSubjectIdentifier { Email = email }, cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _streams.DisposeAsync();
        await _pollQueue.DisposeAsync();
    }
}
