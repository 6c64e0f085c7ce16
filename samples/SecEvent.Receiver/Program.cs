// An RFC 8935 push receiver on ASP.NET Core: validates each SET, hands it to a sink, answers 202 or 400 {err,
// description}. Run with --smoke to start it on a free loopback port, push to it once and exit. With --poll URL
// --jwks URL [--auth VALUE] it also polls a transmitter (RFC 8936), as a receiver behind a firewall does: try it against
// samples/SecEvent.Transmitter with --poll http://127.0.0.1:5082/streams/rp/poll --jwks http://127.0.0.1:5082/jwks
// --auth "Bearer rp-poll-credential".
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Delivery.Keys;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Receiver;
using SecEvent.Tokens;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Subjects;

const string Transmitter = "https://tr.example.com";
const string Audience = "https://rp.example.com";
var smoke = args.Contains("--smoke");

// The transmitter's public key; a real receiver takes it from the transmitter's jwks_uri with JwksKeySource.
var transmitterKey = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "tr-2026-01" };
var received = new List<string>();

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls(smoke ? "http://127.0.0.1:0" : "http://127.0.0.1:5081");
builder.Logging.SetMinimumLevel(LogLevel.Warning);

// poll-receiver:begin
if (OptionValue("--poll") is { } pollUrl && OptionValue("--jwks") is { } jwksUrl)
{
    var pollHttp = new HttpClient();
    var keys = new JwksKeySource(pollHttp, new JwksKeySourceOptions { JwksUri = new Uri(jwksUrl), AllowInsecureHttp = true });
    var pollClient = new PollClient(pollHttp, new PollClientOptions
    {
        Endpoint = new PollEndpoint(new Uri(pollUrl)) { AllowHttp = true, AuthorizationHeader = OptionValue("--auth") },
        ValidationParameters = new SecurityEventTokenValidationParameters
        {
            Profile = SecurityEventProfile.SharedSignals,
            ValidIssuers = [Transmitter],
            ValidAudiences = [Audience],
            SigningKeyResolver = keys.SigningKeyResolver, // the transmitter's published keys, refreshed on an unknown kid
        },
    }, (set, _) =>
    {
        // Persist it here: it is acknowledged once this returns (RFC 8936 §2.4), and not offered again after that.
        Console.WriteLine($"polled {set.JwtId} {string.Join(' ', set.Events.Select(e => e.EventType))}");
        return ValueTask.CompletedTask;
    });
    builder.Services.AddHostedService(_ => new PollReceiverService(pollClient));
}
// poll-receiver:end

var app = builder.Build();

// push-receiver:begin
var receiver = new PushReceiver(
    new PushReceiverOptions
    {
        ValidationParameters = new SecurityEventTokenValidationParameters
        {
            Profile = SecurityEventProfile.SharedSignals,
            ValidIssuers = [Transmitter],
            ValidAudiences = [Audience],
            SigningKeys = [transmitterKey],
        },
        // RFC 8935 §2.3: a transmitter that does not present the agreed credential gets 400 authentication_failed.
        AuthenticateTransmitter = (request, _) => ValueTask.FromResult(request.Authorization == "Bearer sample-credential"
            ? PushAuthorizationResult.Allowed
            : PushAuthorizationResult.Refused("The transmitter's credential is missing or wrong.")),
    },
    (set, _) =>
    {
        lock (received)
        {
            received.Add($"{set.JwtId} {string.Join(' ', set.Events.Select(e => e.EventType))}");
        }

        return ValueTask.CompletedTask; // Persist it here: the 202 promises the SET is safe (PUSH-03).
    });
app.MapPushReceiver("/events", receiver);
// push-receiver:end

if (!smoke)
{
    Console.WriteLine("POST SETs to http://127.0.0.1:5081/events with Authorization: Bearer sample-credential");
    await app.RunAsync();
    return 0;
}

await app.StartAsync();
var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
using var http = new HttpClient { BaseAddress = address };
var failures = 0;
void Expect(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    failures += condition ? 0 : 1;
}

var set = new SecurityEventTokenHandler().CreateToken(new SecurityEventTokenDescriptor
{
    Profile = SecurityEventProfile.SharedSignals,
    Issuer = Transmitter,
    Audiences = [Audience],
    SubjectId = new EmailSubjectIdentifier { Email = "jane.smith@example.com" },
    Events = [new CaepSessionRevoked { InitiatingEntity = CaepInitiatingEntity.Policy }],
    SigningCredentials = new SigningCredentials(transmitterKey, SecurityAlgorithms.EcdsaSha256),
});

async Task<HttpResponseMessage> PostAsync(string body, string? authorization = "Bearer sample-credential")
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/events") { Content = new StringContent(body, Encoding.ASCII) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/secevent+jwt");
    if (authorization is not null)
    {
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
    }

    return await http.SendAsync(request);
}

var first = await PostAsync(set);
Expect(first.StatusCode == HttpStatusCode.Accepted && (await first.Content.ReadAsByteArrayAsync()).Length == 0, "a valid SET is answered 202 with an empty body (RFC 8935 §2.2)");
var again = await PostAsync(set);
Expect(again.StatusCode == HttpStatusCode.Accepted && received.Count == 1, "the same SET again is answered 202 and not processed twice (PUSH-04)");
var tampered = await PostAsync(set[..^4] + "AAAA");
Expect(tampered.StatusCode == HttpStatusCode.BadRequest && (await tampered.Content.ReadAsStringAsync()).Contains("\"err\":\"invalid_key\"", StringComparison.Ordinal),
    "a tampered SET is answered 400 {\"err\":\"invalid_key\",…} (RFC 8935 §2.3)");
var anonymous = await PostAsync(set, authorization: null);
Expect(anonymous.StatusCode == HttpStatusCode.BadRequest && (await anonymous.Content.ReadAsStringAsync()).Contains("authentication_failed", StringComparison.Ordinal),
    "a transmitter without its credential is answered 400 authentication_failed");

await app.StopAsync();
Console.WriteLine(failures == 0 ? "push receiver sample: every expectation held" : $"push receiver sample: {failures} expectation(s) failed");
return failures == 0 ? 0 : 1;

string? OptionValue(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
