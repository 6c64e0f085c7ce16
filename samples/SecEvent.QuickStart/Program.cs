// The README's quick start, compiled and run by CI: a transmitter signs a Shared Signals verification
// event, a receiver validates it, and a tampered copy is refused with the RFC 8935 error to answer with.
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

// quick-start:begin
var key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "2026-01" };
var handler = new SecurityEventTokenHandler();

// Transmitter: one call creates and signs the SET (typ, iat and a random jti are filled in).
string token = handler.CreateToken(new SecurityEventTokenDescriptor
{
    Profile = SecurityEventProfile.SharedSignals,
    Issuer = "https://tr.example.com",
    Audiences = ["https://rp.example.com"],
    SubjectId = new OpaqueSubjectIdentifier { Id = "f67e39a0a4d34d56b3aa1bc4cff0069f" },
    Events = [new SsfVerificationEvent { State = "VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRlIHZhbHVlLgo=" }],
    SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
});

// Receiver: one call validates it and returns a typed SET, or the `err` code to answer with.
var parameters = new SecurityEventTokenValidationParameters
{
    Profile = SecurityEventProfile.SharedSignals,
    ValidIssuers = ["https://tr.example.com"],
    ValidAudiences = ["https://rp.example.com"],
    SigningKeys = [key],
};
var result = await handler.ValidateTokenAsync(token, parameters);
Console.WriteLine(result.IsValid
    ? $"accepted {result.Token} with state {result.Token.GetEvent<SsfVerificationEvent>()?.State}"
    : $"refused {result.Error}");
// quick-start:end

// The same claims signed by someone else's key are refused with invalid_key (RFC 8935 §2.4).
var forger = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "2026-01" };
var forged = handler.CreateToken(new SecurityEventTokenDescriptor
{
    Profile = SecurityEventProfile.SharedSignals,
    Issuer = "https://tr.example.com",
    Audiences = ["https://rp.example.com"],
    SubjectId = new OpaqueSubjectIdentifier { Id = "f67e39a0a4d34d56b3aa1bc4cff0069f" },
    Events = [new SsfVerificationEvent()],
    SigningCredentials = new SigningCredentials(forger, SecurityAlgorithms.EcdsaSha256),
});
var refused = await handler.ValidateTokenAsync(forged, parameters);
Console.WriteLine($"forged copy: {(refused.IsValid ? "accepted" : $"refused {refused.Error}")}");

return result.IsValid && refused.Error?.Code == SecurityEventErrorCodes.InvalidKey ? 0 : 1;
