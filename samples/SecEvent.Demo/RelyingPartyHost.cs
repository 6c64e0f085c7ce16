using SecEvent.Delivery.Keys;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Ssf;
using SecEvent.Receiver;
using SecEvent.Tokens;
using SecEvent.Tokens.Logout;

namespace SecEvent.Demo;

/// <summary>
/// The relying party's web server: its RFC 8935 push endpoint (which the demo can make answer 503 or stop altogether)
/// and its Back-Channel Logout endpoint. It keeps its port across a stop and a start, as a restarted server would, so
/// the stream's endpoint URL stays right.
/// </summary>
internal sealed class RelyingPartyHost : IAsyncDisposable
{
    public const string PushPath = "/ssf/events";
    public const string LogoutPath = "/backchannel-logout";

    private readonly PushReceiver _receiver;
    private readonly BackChannelLogoutReceiver _logout;
    private readonly Timeline _timeline;
    private WebApplication? _app;
    private int _unavailableAnswers;

    public RelyingPartyHost(string issuer, JwksKeySource keys, ISecurityEventSink pushSink, Timeline timeline)
    {
        _timeline = timeline;
        _receiver = new PushReceiver(new PushReceiverOptions
        {
            ValidationParameters = new SecurityEventTokenValidationParameters
            {
                Profile = SecurityEventProfile.SharedSignals,
                ValidIssuers = [issuer],
                ValidAudiences = [DemoCredentials.Audience],
                SigningKeyResolver = keys.SigningKeyResolver,
            },
            AuthenticateTransmitter = (request, _) => ValueTask.FromResult(request.Authorization == DemoCredentials.Push
                ? PushAuthorizationResult.Allowed
                : PushAuthorizationResult.Refused("The transmitter's credential is missing or wrong.")),
        }, pushSink);
        _logout = new BackChannelLogoutReceiver(new LogoutTokenHandler(), new LogoutTokenValidationParameters
        {
            ValidIssuers = [issuer],
            ValidAudiences = [DemoCredentials.ClientId],
            SigningKeyResolver = keys.SigningKeyResolver,
            ValidAlgorithms = ["ES256"],
        }, (token, _) =>
        {
            LoggedOut.Add(token.SessionId ?? token.Subject ?? "?");
            _timeline.Arrival("rp (logout)", $"Logout Token validated: session {token.SessionId} of {token.Subject} logged out");
            return ValueTask.FromResult<LogoutError?>(null);
        });
    }

    /// <summary>Whether the push endpoint answers 503 with <c>Retry-After</c> instead of taking SETs.</summary>
    public bool Unavailable { get; set; }

    /// <summary>How many pushes were answered 503.</summary>
    public int UnavailableAnswers => Volatile.Read(ref _unavailableAnswers);

    /// <summary>The sessions logged out through the Back-Channel Logout endpoint.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> LoggedOut { get; } = [];

    /// <summary>The server's address; <see langword="null"/> until it first started.</summary>
    public Uri? Address { get; private set; }

    public Uri PushEndpoint => new(Address!, PushPath);

    public Uri LogoutEndpoint => new(Address!, LogoutPath);

    /// <summary>Starts Kestrel: on a free port the first time, on the same one after a stop.</summary>
    public async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var app = Build(Address?.Port ?? 0);
            try
            {
                await app.StartAsync();
                Address = Loopback.AddressOf(app);
                _app = app;
                return;
            }
            catch (IOException) when (Address is not null && attempt < 20)
            {
                // The port is still being released by the stopped server: try again shortly, for a few seconds at most.
                await app.DisposeAsync();
                await Task.Delay(250);
            }
        }
    }

    private WebApplication Build(int port)
    {
        var app = Loopback.CreateBuilder(port).Build();
        app.Use(async (http, next) =>
        {
            if (Unavailable && http.Request.Path == PushPath)
            {
                Interlocked.Increment(ref _unavailableAnswers);
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                http.Response.Headers.RetryAfter = "1";
                _timeline.Trouble("rp (push)", "push endpoint answered 503 Service Unavailable, Retry-After: 1");
                return;
            }

            await next(http);
        });
        app.MapPushReceiver(PushPath, _receiver);
        app.MapPost(LogoutPath, async (HttpContext http) =>
        {
            // Read one byte past the limit, so that the receiver sees an oversized body as such.
            var body = new byte[_logout.MaximumBodySize + 1];
            var length = 0;
            int read;
            while (length < body.Length && (read = await http.Request.Body.ReadAsync(body.AsMemory(length), http.RequestAborted)) > 0)
            {
                length += read;
            }

            var response = await _logout.ReceiveAsync(http.Request.ContentType, body.AsMemory(0, length), http.RequestAborted);
            http.Response.StatusCode = response.StatusCode;
            foreach (var (name, value) in response.Headers)
            {
                http.Response.Headers.Append(name, value);
            }

            await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
        });
        return app;
    }

    /// <summary>Stops Kestrel: connections to the port are refused until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
