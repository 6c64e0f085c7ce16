// An OAuth authorization server's RFC 7009 revocation endpoint that tells relying parties what it revoked: one
// token-revoked SET (OAuth Event Types 1.0 §3.2) per revoked token, pushed (RFC 8935) to the client's endpoint through
// an outbox and its dispatcher. Run with --smoke to exercise it once, with the client's endpoint in-process, and exit.
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;
using SecEvent.Receiver;
using SecEvent.Revocation;
using SecEvent.Tokens;
using SecEvent.Tokens.Events.OAuth;

const string Issuer = "https://as.example.com";
var smoke = args.Contains("--smoke");

var key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "as-2026-01" };
var store = new TokenStore();
store.Add(new IssuedToken("rt-7f2c", OAuthTokenType.RefreshToken, "app-1", "user-42", "grant-1"));
store.Add(new IssuedToken("at-19a0", OAuthTokenType.AccessToken, "app-1", "user-42", "grant-1"));
store.Add(new IssuedToken("at-55e1", OAuthTokenType.AccessToken, "app-1", "user-42", "grant-1"));
var clientEndpoints = new Dictionary<string, PushEndpoint>(StringComparer.Ordinal);

// revocation-push:begin
// Notices wait in the outbox (SqliteSecurityEventOutbox to survive restarts) until the client's endpoint takes them.
var outbox = new InMemorySecurityEventOutbox();
using var pushHttp = new HttpClient();
var dispatcher = new OutboxDispatcher(outbox, new PushClient(pushHttp), new OutboxDispatcherOptions
{
    // The destination is the client_id; each client registered its push endpoint and credential with us.
    ResolveEndpoint = (clientId, _) => ValueTask.FromResult(clientEndpoints.GetValueOrDefault(clientId)),
    RetryBaseDelay = TimeSpan.FromMilliseconds(200),
});
using var stopping = new CancellationTokenSource();
var dispatching = dispatcher.RunAsync(stopping.Token);
// revocation-push:end

var notices = new RevocationNotices(new SecurityEventTokenHandler(), new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256), Issuer);
var endpoint = new RevocationEndpoint(store, new Dictionary<string, string> { ["app-1"] = "app-1-secret" }, notices, outbox);

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls(smoke ? "http://127.0.0.1:0" : "http://127.0.0.1:5080");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.MapPost("/revoke", endpoint.HandleAsync);

// The client's own push endpoint (app-1's, in real life another party's server), here so that the sample runs alone.
var pushed = new System.Collections.Concurrent.ConcurrentQueue<SecurityEventToken>();
app.MapPushReceiver("/app-1/events", new PushReceiver(
    new PushReceiverOptions
    {
        ValidationParameters = new SecurityEventTokenValidationParameters
        {
            Profile = SecurityEventProfile.Rfc8417,
            ValidIssuers = [Issuer],
            ValidAudiences = ["app-1"],
            SigningKeys = [key],
        },
        AuthenticateTransmitter = (request, _) => ValueTask.FromResult(request.Authorization == "Bearer as-to-app-1"
            ? PushAuthorizationResult.Allowed
            : PushAuthorizationResult.Refused("The authorization server's credential is missing or wrong.")),
    },
    (set, _) =>
    {
        pushed.Enqueue(set);
        return ValueTask.CompletedTask;
    }));

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
clientEndpoints["app-1"] = new PushEndpoint(new Uri(new Uri(address), "/app-1/events")) { AllowHttp = true, AuthorizationHeader = "Bearer as-to-app-1" };
if (!smoke)
{
    Console.WriteLine($"POST {address}revoke with Basic app-1:app-1-secret and token=rt-7f2c; the notices are pushed to {address}app-1/events");
    await app.WaitForShutdownAsync();
    return 0;
}

using var http = new HttpClient { BaseAddress = new Uri(address) };
var failures = 0;
void Expect(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    failures += condition ? 0 : 1;
}

var anonymous = await http.PostAsync("/revoke", new FormUrlEncodedContent([new("token", "rt-7f2c")]));
Expect(anonymous.StatusCode == HttpStatusCode.Unauthorized, "a client without credentials is refused with 401 (RFC 7009 §2.1)");

http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("app-1:app-1-secret")));
var revoked = await http.PostAsync("/revoke", new FormUrlEncodedContent([new("token", "rt-7f2c"), new("token_type_hint", "refresh_token")]));
Expect(revoked.StatusCode == HttpStatusCode.OK, "revoking the refresh token answers 200 (RFC 7009 §2.2)");

// Arrived at the client, and settled in the outbox (the dispatcher records the 202 just after the client answers).
for (var i = 0; i < 300 && (pushed.Count < 3 || (await outbox.GetStatisticsAsync()).Pending > 0); i++)
{
    await Task.Delay(100);
}

var tokens = pushed.ToList();
Expect(tokens.Count == 3, $"one SET per revoked token, pushed to the client and validated there: the refresh token and its grant's two access tokens ({tokens.Count})");

var identified = new List<string>();
foreach (var token in tokens)
{
    var notice = token.GetEvent<OAuthTokenRevoked>();
    Expect(notice is { Reason: OAuthTokenRevocationReason.Api } && !token.Payload.GetRawText().Contains("rt-7f2c", StringComparison.Ordinal),
        $"SET {token.JwtId} is a token-revoked notice (reason api) without the token in it");
    identified.Add(notice?.Subject.Token ?? "");
}

Expect(identified.Contains(RevocationNotices.Identify("rt-7f2c")) && identified.Contains(RevocationNotices.Identify("at-55e1")),
    "the notices name the revoked tokens by their SHA-256");

var again = await http.PostAsync("/revoke", new FormUrlEncodedContent([new("token", "rt-7f2c")]));
Expect(again.StatusCode == HttpStatusCode.OK && (await outbox.GetStatisticsAsync()).Pending == 0 && pushed.Count == 3, "an already revoked token answers 200 and emits nothing (RFC 7009 §2.2)");

await stopping.CancelAsync();
await dispatching;
await app.StopAsync();
Console.WriteLine(failures == 0 ? "revocation sample: every expectation held" : $"revocation sample: {failures} expectation(s) failed");
return failures == 0 ? 0 : 1;
