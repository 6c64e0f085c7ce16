// Signs a Shared Signals SET and validates it, then records its jti in the in-memory and the SQLite replay
// stores; prints one line per step and exits 0 only when every step held.
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Sqlite;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

var key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "consumer" };
var handler = new SecurityEventTokenHandler();
var token = handler.CreateToken(new SecurityEventTokenDescriptor
{
    Profile = SecurityEventProfile.SharedSignals,
    Issuer = "https://tr.example.com",
    Audiences = ["https://rp.example.com"],
    SubjectId = new OpaqueSubjectIdentifier { Id = "stream-1" },
    Events = [new SsfVerificationEvent { State = "c3RhdGU" }],
    SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
});

var result = await handler.ValidateTokenAsync(token, new SecurityEventTokenValidationParameters
{
    Profile = SecurityEventProfile.SharedSignals,
    ValidIssuers = ["https://tr.example.com"],
    ValidAudiences = ["https://rp.example.com"],
    SigningKeys = [key],
});
if (!result.IsValid || result.Token.GetEvent<SsfVerificationEvent>()?.State != "c3RhdGU")
{
    Console.Error.WriteLine($"validation failed: {result.Error}");
    return 1;
}

Console.WriteLine($"tokens: validated {result.Token.JwtId}");

var expires = DateTimeOffset.UtcNow.AddHours(1);
var memory = new InMemorySecurityEventReplayStore();
await memory.AddAsync(result.Token.Issuer, result.Token.JwtId, expires, CancellationToken.None);
Console.WriteLine($"delivery: replay store holds {memory.Count}");

var path = Path.Combine(AppContext.BaseDirectory, "replay.db");
await using (var sqlite = await SqliteSecurityEventReplayStore.OpenAsync(path))
{
    await sqlite.AddAsync(result.Token.Issuer, result.Token.JwtId, expires, CancellationToken.None);
    if (!await sqlite.ContainsAsync(result.Token.Issuer, result.Token.JwtId, CancellationToken.None))
    {
        Console.Error.WriteLine("sqlite: the jti was not kept");
        return 1;
    }
}

Console.WriteLine("sqlite: replay store holds the jti");
return 0;
