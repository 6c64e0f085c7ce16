// An OAuth authorization server's RFC 7009 revocation endpoint that tells relying parties what it revoked: one
// token-revoked SET (OAuth Event Types 1.0 §3.2) per revoked token. Run with --smoke to exercise it once and exit.
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.Tokens;
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
var outbox = new NoticeOutbox();
var notices = new RevocationNotices(new SecurityEventTokenHandler(), new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256), Issuer);
var endpoint = new RevocationEndpoint(store, new Dictionary<string, string> { ["app-1"] = "app-1-secret" }, notices, outbox);

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls(smoke ? "http://127.0.0.1:0" : "http://127.0.0.1:5080");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.MapPost("/revoke", endpoint.HandleAsync);

if (!smoke)
{
    Console.WriteLine("POST http://127.0.0.1:5080/revoke with Basic app-1:app-1-secret and token=rt-7f2c");
    await app.RunAsync();
    return 0;
}

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
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

var sets = outbox.Drain();
Expect(sets.Count == 3, $"one SET per revoked token: the refresh token and its grant's two access tokens ({sets.Count})");

var handler = new SecurityEventTokenHandler();
var parameters = new SecurityEventTokenValidationParameters
{
    Profile = SecurityEventProfile.Rfc8417,
    ValidIssuers = [Issuer],
    ValidAudiences = ["app-1"],
    SigningKeys = [key],
};
var identified = new List<string>();
foreach (var set in sets)
{
    var result = await handler.ValidateTokenAsync(set, parameters);
    var notice = result.Token?.GetEvent<OAuthTokenRevoked>();
    Expect(notice is { Reason: OAuthTokenRevocationReason.Api } && !result.Token!.Payload.GetRawText().Contains("rt-7f2c", StringComparison.Ordinal),
        $"SET {result.Token?.JwtId} validates as a token-revoked notice (reason api) without the token in it");
    identified.Add(notice?.Subject.Token ?? "");
}

Expect(identified.Contains(RevocationNotices.Identify("rt-7f2c")) && identified.Contains(RevocationNotices.Identify("at-55e1")),
    "the notices name the revoked tokens by their SHA-256");

var again = await http.PostAsync("/revoke", new FormUrlEncodedContent([new("token", "rt-7f2c")]));
Expect(again.StatusCode == HttpStatusCode.OK && outbox.Drain().Count == 0, "an already revoked token answers 200 and emits nothing (RFC 7009 §2.2)");

await app.StopAsync();
Console.WriteLine(failures == 0 ? "revocation sample: every expectation held" : $"revocation sample: {failures} expectation(s) failed");
return failures == 0 ? 0 : 1;
