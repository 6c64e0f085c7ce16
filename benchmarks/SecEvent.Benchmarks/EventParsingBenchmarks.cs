using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Benchmarks;

/// <summary>
/// What reading a typed CAEP event costs during validation: the same HS256 SET (CAEP 1.0 figure 4's session-revoked
/// payload and complex subject) validated with its event read into <see cref="CaepSessionRevoked"/>, and with an
/// unregistered event type of the same length, which is kept as raw JSON. RS256 is what the CAEP Interoperability
/// Profile requires (§2.6); HS256 keeps the crypto small, so the JSON work shows most.
/// </summary>
[MemoryDiagnoser]
public class EventParsingBenchmarks
{
    private const string Issuer = "https://idp.example.com/123456789/";
    private const string Audience = "https://sp.example.com/caep";

    // The same length as the CAEP URI, so both tokens are byte-for-byte the same size.
    private const string UnregisteredType = "https://schemas.openid.net/secevent/xxxx/event-type/session-revoked";

    private readonly SecurityEventTokenHandler _handler = new();
    private readonly JsonWebTokenHandler _wilson = new();
    private SecurityEventTokenValidationParameters _parameters = null!;
    private TokenValidationParameters _wilsonParameters = null!;
    private string _typed = null!;
    private string _untyped = null!;

    /// <summary>The JWS algorithm.</summary>
    [Params("RS256", "HS256")]
    public string Algorithm { get; set; } = "RS256";

    [GlobalSetup]
    public void Setup()
    {
        SecurityKey key = Algorithm == "RS256"
            ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k1" }
            : new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "k1" };
        var revoked = new CaepSessionRevoked
        {
            InitiatingEntity = CaepInitiatingEntity.Policy,
            ReasonAdmin = new Dictionary<string, string> { ["en"] = "Landspeed Policy Violation: C076E82F" },
            ReasonUser = new Dictionary<string, string>
            {
                ["en"] = "Access attempt from multiple regions.",
                ["es-410"] = "Intento de acceso desde varias regiones.",
            },
            EventTimestamp = new NumericDate(1615304991),
        };
        var descriptor = new SecurityEventTokenDescriptor
        {
            Profile = SecurityEventProfile.SharedSignals,
            Issuer = Issuer,
            Audiences = [Audience],
            SubjectId = new ComplexSubjectIdentifier
            {
                Members = new Dictionary<string, SubjectIdentifier>
                {
                    ["session"] = new OpaqueSubjectIdentifier { Id = "dMTlD|1600802906337.16|16008.16" },
                    ["user"] = new IssuerSubjectIdentifier { Issuer = Issuer, Subject = "99beb27c-c1c2-4955-882a-e0dc4996fcbc" },
                    ["tenant"] = new OpaqueSubjectIdentifier { Id = "123456789" },
                },
            },
            Events = [revoked],
            SigningCredentials = new SigningCredentials(key, Algorithm),
        };
        _typed = _handler.CreateToken(descriptor);
        _parameters = new SecurityEventTokenValidationParameters
        {
            Profile = SecurityEventProfile.SharedSignals,
            ValidIssuers = [Issuer],
            ValidAudiences = [Audience],
            SigningKeys = [key],
        };

        var raw = SecurityEventTokenDescriptor.FromToken(Validate(_typed));
        raw.Events = [new UnknownSecurityEvent(UnregisteredType, System.Text.Json.JsonSerializer.SerializeToElement(raw.Events[0], revoked.GetType()))];
        raw.SigningCredentials = descriptor.SigningCredentials;
        _untyped = _handler.CreateToken(raw);

        _wilsonParameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = key,
            ValidTypes = ["secevent+jwt"],
            RequireExpirationTime = false,
            ValidateLifetime = false,
        };

        if (_typed.Length != _untyped.Length || Validate(_typed).GetEvent<CaepSessionRevoked>() is null || Validate(_untyped).GetEvent<UnknownSecurityEvent>() is null)
        {
            throw new InvalidOperationException("The two tokens must differ only in whether their event is typed.");
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> ValidateUntypedEvent() => (await _handler.ValidateTokenAsync(_untyped, _parameters)).IsValid;

    [Benchmark]
    public async Task<bool> ValidateTypedCaepEvent() => (await _handler.ValidateTokenAsync(_typed, _parameters)).IsValid;

    [Benchmark]
    public async Task<bool> ValidateJsonWebTokenHandler() => (await _wilson.ValidateTokenAsync(_typed, _wilsonParameters)).IsValid;

    private SecurityEventToken Validate(string token) =>
        _handler.ValidateTokenAsync(token, _parameters).AsTask().GetAwaiter().GetResult().Token
        ?? throw new InvalidOperationException("The benchmark token does not validate.");
}
