// A transmitter on ASP.NET Core. Push (RFC 8935): signals become SETs in a durable outbox, and a BackgroundService runs
// the dispatcher that delivers them through outages and restarts. Poll (RFC 8936): recipients that cannot expose an
// endpoint poll /streams/{stream}/poll, and each SET waits in a durable queue until they acknowledge it. Run with
// --smoke to start it with a push receiver and a poll receiver in the same process, raise signals, watch one
// dead-letter and come back after a re-drive, have a stream polled and acknowledged, and exit.
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Delivery.Keys;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Ssf;
using SecEvent.Receiver;
using SecEvent.Tokens;
using SecEvent.Transmitter;

var smoke = args.Contains("--smoke");
var signingKey = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "tr-2026-11" };
var signing = new SigningCredentials(signingKey, SecurityAlgorithms.EcdsaSha256);
var receivers = new Receivers();

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls(smoke ? "http://127.0.0.1:0" : "http://127.0.0.1:5082");
builder.Logging.SetMinimumLevel(LogLevel.Warning);

// ssf-host:begin
// Shared Signals: streams in their own SQLite file; poll streams' SETs in a queue of their own.
string DataPath(string name, string fallback) => smoke ? Path.Combine(Path.GetTempPath(), $"secevent-transmitter-{name}-{Guid.NewGuid():N}.db") : builder.Configuration[$"Ssf:{name}"] ?? fallback;
var ssfStreamsPath = DataPath("ssf-streams", "transmitter-ssf-streams.db");
var ssfPollPath = DataPath("ssf-poll", "transmitter-ssf-poll.db");
await using var ssf = await SharedSignals.OpenAsync(ssfStreamsPath, ssfPollPath);
// ssf-host:end

// outbox-host:begin
// One SQLite file keeps every SET until it is delivered or dead-lettered, across crashes and restarts.
var outboxPath = smoke ? Path.Combine(Path.GetTempPath(), $"secevent-transmitter-{Guid.NewGuid():N}.db") : builder.Configuration["Outbox:Path"] ?? "transmitter-outbox.db";
await using var outbox = await SqliteSecurityEventOutbox.OpenExclusiveAsync(outboxPath); // This host alone uses the file.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ISecurityEventOutbox>(outbox);
// SSF receivers choose their own push URLs: the connection itself is checked against the SSRF policy, DNS rebinding included.
builder.Services.AddSecurityEventPushClient().ConfigurePrimaryHttpMessageHandler(() => SsfEndpointUrlGuard.CreateHandler(SharedSignals.EndpointPolicy));
builder.Services.AddSingleton(provider => new OutboxDispatcher(
    provider.GetRequiredService<ISecurityEventOutbox>(),
    provider.GetRequiredService<PushClient>(),
    new OutboxDispatcherOptions
    {
        ResolveEndpoint = async (destination, cancellationToken) =>
            await ssf.ResolveAsync(destination, cancellationToken) ?? await receivers.ResolveAsync(destination, cancellationToken),
        MaxAge = TimeSpan.FromHours(24),
        RetryBaseDelay = smoke ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(5),

        // This host is the file's only dispatcher: what a crashed run had leased goes out again at once.
        ReleaseLeasesOnStart = true,
    },
    provider.GetRequiredService<ILogger<OutboxDispatcher>>()));
builder.Services.AddHostedService<OutboxDispatcherService>();
// outbox-host:end

// poll-host:begin
// Each poll stream's SETs wait in a queue of their own (here a second SQLite file) until the recipient acknowledges them.
var pollPath = smoke ? Path.Combine(Path.GetTempPath(), $"secevent-transmitter-poll-{Guid.NewGuid():N}.db") : builder.Configuration["Poll:Path"] ?? "transmitter-poll.db";
await using var pollQueue = await SqliteSecurityEventOutbox.OpenExclusiveAsync(pollPath);
var streams = new PollStreams();
var pollTransmitter = new PollTransmitter(pollQueue, new PollTransmitterOptions
{
    AuthorizeReceiver = streams.AuthorizeAsync,
    LongPollTimeout = TimeSpan.FromSeconds(30),     // recipients' attempt timeouts must be longer
    RedeliveryDelay = TimeSpan.FromMinutes(2),      // an unacknowledged SET is offered again after this
});
// poll-host:end

var app = builder.Build();
app.MapTransmitter(signing, receivers, streams, pollTransmitter);
app.MapPollTransmitter("/streams/{stream}/poll", pollTransmitter);
app.MapSharedSignals(() => ssf.Transmitter, maxRequestSize: 64 * 1024);
app.MapPollTransmitter("/ssf/poll/{stream}", ssf.Poll);
app.MapPost("/ssf/events/session-revoked", async (SessionRevokedRequest body, CancellationToken cancellationToken) =>
    string.IsNullOrEmpty(body.Email) ? Results.BadRequest() : Results.Ok(await ssf.SessionRevokedAsync(body.Email, cancellationToken)));

// A receiver in the same process, so that the sample runs alone: in real life it is another party's endpoint.
var received = new List<string>();
app.MapPushReceiver("/receiver/events", new PushReceiver(
    new PushReceiverOptions
    {
        ValidationParameters = new SecurityEventTokenValidationParameters
        {
            Profile = SecurityEventProfile.SharedSignals,
            ValidIssuers = [TransmitterEndpoints.Issuer],
            ValidateAudience = false,
            SigningKeys = [signingKey],
        },
        AuthenticateTransmitter = (request, _) => ValueTask.FromResult(request.Authorization == "Bearer rp-credential"
            ? PushAuthorizationResult.Allowed
            : PushAuthorizationResult.Refused("The transmitter's credential is missing or wrong.")),
    },
    (set, _) =>
    {
        lock (received)
        {
            received.Add(set.JwtId!);
        }

        return ValueTask.CompletedTask;
    }));

await app.StartAsync();
var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
var receiverUri = new Uri(address, "/receiver/events");
receivers.Set("rp-1", new PushEndpoint(receiverUri) { AllowHttp = true, AuthorizationHeader = "Bearer rp-credential" });
receivers.Set("rp-2", new PushEndpoint(receiverUri) { AllowHttp = true, AuthorizationHeader = "Bearer stale-credential" });
streams.Set("rp", "Bearer rp-poll-credential");
ssf.Start(address, signing, outbox);

if (!smoke)
{
    Console.WriteLine($"POST {{\"email\":…}} to {address}receivers/rp-1/session-revoked; GET {address}outbox and {address}outbox/dead-letters");
    Console.WriteLine($"POST {{\"email\":…}} to {address}streams/rp/session-revoked; poll {address}streams/rp/poll with Authorization: Bearer rp-poll-credential (keys at {address}jwks)");
    await app.WaitForShutdownAsync();
    return 0;
}

using var http = new HttpClient { BaseAddress = address };
var failures = 0;
void Expect(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    failures += condition ? 0 : 1;
}

async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
{
    for (var i = 0; i < 300; i++)
    {
        if (await condition())
        {
            return true;
        }

        await Task.Delay(100);
    }

    return false;
}

int Received()
{
    lock (received)
    {
        return received.Count;
    }
}

async Task<OutboxStatistics> StatisticsAsync() => (await http.GetFromJsonAsync<OutboxStatistics>("/outbox"))!;

for (var i = 0; i < 10; i++)
{
    (await http.PostAsJsonAsync("/receivers/rp-1/session-revoked", new { email = $"user{i}@example.com" })).EnsureSuccessStatusCode();
}

(await http.PostAsJsonAsync("/receivers/rp-2/session-revoked", new { email = "jane@example.com" })).EnsureSuccessStatusCode();
Expect(await EventuallyAsync(async () => Received() == 10 && (await StatisticsAsync()) is { Pending: 0, DeadLetters: 1 }),
    "ten SETs delivered; the one with a stale credential dead-lettered (400 authentication_failed is not retried)");
var dead = (await http.GetFromJsonAsync<DeadLetterRow[]>("/outbox/dead-letters"))!;
Expect(dead is [{ Destination: "rp-2" } row] && row.Reason.StartsWith("authentication_failed", StringComparison.Ordinal),
    "the dead letter names its receiver and the recipient's err");

receivers.Set("rp-2", new PushEndpoint(receiverUri) { AllowHttp = true, AuthorizationHeader = "Bearer rp-credential" });
(await http.PostAsync($"/outbox/dead-letters/{dead[0].Id}/redrive", null)).EnsureSuccessStatusCode();
Expect(await EventuallyAsync(async () => Received() == 11 && (await StatisticsAsync()) is { Pending: 0, DeadLetters: 0 }),
    "after the credential is fixed, the re-driven SET is delivered");

// The poll receiver of samples/SecEvent.Receiver, in this process: it verifies with the keys published at /jwks.
var polled = new List<string>();
using var pollHttp = new HttpClient();
var keys = new JwksKeySource(pollHttp, new JwksKeySourceOptions { JwksUri = new Uri(address, "/jwks"), AllowInsecureHttp = true });
var pollReceiver = new PollReceiverService(new PollClient(pollHttp, new PollClientOptions
{
    Endpoint = new PollEndpoint(new Uri(address, "/streams/rp/poll")) { AllowHttp = true, AuthorizationHeader = "Bearer rp-poll-credential" },
    ValidationParameters = new SecurityEventTokenValidationParameters
    {
        Profile = SecurityEventProfile.SharedSignals,
        ValidIssuers = [TransmitterEndpoints.Issuer],
        ValidAudiences = ["https://rp.example.com"],
        SigningKeyResolver = keys.SigningKeyResolver,
    },
}, (set, _) =>
{
    lock (polled)
    {
        polled.Add(set.JwtId!);
    }

    return ValueTask.CompletedTask;
}));

int Polled()
{
    lock (polled)
    {
        return polled.Count;
    }
}

using (var anonymous = await http.PostAsync("/streams/rp/poll", new StringContent("{\"returnImmediately\":true}", System.Text.Encoding.UTF8, "application/json")))
{
    Expect(anonymous.StatusCode == System.Net.HttpStatusCode.Unauthorized && anonymous.Headers.WwwAuthenticate.ToString() == "Bearer",
        "a poll without a credential is answered 401 with WWW-Authenticate (RFC 8936 §3)");
}

await pollReceiver.StartAsync(CancellationToken.None);
for (var i = 0; i < 5; i++)
{
    (await http.PostAsJsonAsync("/streams/rp/session-revoked", new { email = $"polled{i}@example.com" })).EnsureSuccessStatusCode();
}

Expect(await EventuallyAsync(async () => Polled() == 5 && (await pollQueue.GetStatisticsAsync()).Pending == 0),
    "five SETs published to a poll stream are polled, verified with the published keys, and acknowledged");
await pollReceiver.StopAsync(CancellationToken.None);

await SharedSignalsSmoke.RunAsync(address, ssf, Expect, EventuallyAsync);

await app.StopAsync();
await outbox.DisposeAsync();
await pollQueue.DisposeAsync();
await ssf.DisposeAsync();
foreach (var path in new[] { outboxPath, pollPath, ssfStreamsPath, ssfPollPath })
{
    foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
    {
        File.Delete(file); // The database and its WAL files.
    }
}

Console.WriteLine(failures == 0 ? "transmitter sample: every expectation held" : $"transmitter sample: {failures} expectation(s) failed");
return failures == 0 ? 0 : 1;

/// <summary>A row of <c>GET /outbox/dead-letters</c>.</summary>
internal sealed record DeadLetterRow(long Id, string? Jti, string Destination, string Reason, int AttemptCount);
