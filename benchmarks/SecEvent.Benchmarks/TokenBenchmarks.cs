using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Benchmarks;

/// <summary>
/// One SSF verification SET per algorithm, created and validated three ways: the raw JsonWebTokenHandler
/// (the baseline, configured to check the same things it can), SecEvent, and the bare signature operation.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TokenBenchmarks
{
    private const string Issuer = "https://tr.example.com";
    private const string Audience = "https://rp.example.com";

    private readonly JsonWebTokenHandler _wilson = new() { SetDefaultTimesOnTokenCreation = false };
    private SecurityEventTokenHandler _handler = null!;
    private SecurityEventTokenDescriptor _descriptor = null!;
    private SecurityTokenDescriptor _wilsonDescriptor = null!;
    private SecurityEventTokenValidationParameters _parameters = null!;
    private TokenValidationParameters _wilsonParameters = null!;
    private string _token = null!;
    private SignatureProvider _signer = null!;
    private SignatureProvider _verifier = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;

    /// <summary>The JWS algorithm.</summary>
    [Params("ES256", "RS256", "HS256")]
    public string Algorithm { get; set; } = "ES256";

    [GlobalSetup]
    public void Setup()
    {
        SecurityKey signingKey = Algorithm switch
        {
            "ES256" => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k1" },
            "RS256" => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k1" },
            _ => new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "k1" },
        };
        var verifyingKey = signingKey switch
        {
            ECDsaSecurityKey ec => new ECDsaSecurityKey(ECDsa.Create(ec.ECDsa.ExportParameters(false))) { KeyId = "k1" },
            RsaSecurityKey rsa => new RsaSecurityKey(rsa.Rsa.ExportParameters(false)) { KeyId = "k1" },
            _ => signingKey,
        };
        var credentials = new SigningCredentials(signingKey, Algorithm);

        _handler = new SecurityEventTokenHandler();
        _descriptor = new SecurityEventTokenDescriptor
        {
            Profile = SecurityEventProfile.SharedSignals,
            Issuer = Issuer,
            Audiences = [Audience],
            SubjectId = new OpaqueSubjectIdentifier { Id = "f67e39a0a4d34d56b3aa1bc4cff0069f" },
            Events = [new SsfVerificationEvent { State = "VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRlIHZhbHVlLgo=" }],
            SigningCredentials = credentials,
        };
        _parameters = new SecurityEventTokenValidationParameters
        {
            Profile = SecurityEventProfile.SharedSignals,
            ValidIssuers = [Issuer],
            ValidAudiences = [Audience],
            SigningKeys = [verifyingKey],
        };

        _token = _handler.CreateToken(_descriptor);
        var claims = _handler.ValidateTokenAsync(_token, _parameters).AsTask().GetAwaiter().GetResult().Token!.Payload;
        _wilsonDescriptor = new SecurityTokenDescriptor
        {
            TokenType = "secevent+jwt",
            SigningCredentials = credentials,
            Claims = claims.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value),
        };
        _wilsonParameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = verifyingKey,
            ValidTypes = ["secevent+jwt"],
            RequireExpirationTime = false,
            ValidateLifetime = false,
        };

        _signingInput = Encoding.ASCII.GetBytes(_token[.._token.LastIndexOf('.')]);
        _signer = CryptoProviderFactory.Default.CreateForSigning(signingKey, Algorithm);
        _verifier = CryptoProviderFactory.Default.CreateForVerifying(verifyingKey, Algorithm);
        _signature = _signer.Sign(_signingInput);
    }

    [BenchmarkCategory("Validate"), Benchmark(Baseline = true)]
    public async Task<bool> ValidateJsonWebTokenHandler() => (await _wilson.ValidateTokenAsync(_token, _wilsonParameters)).IsValid;

    [BenchmarkCategory("Validate"), Benchmark]
    public async Task<bool> ValidateSecEvent() => (await _handler.ValidateTokenAsync(_token, _parameters)).IsValid;

    [BenchmarkCategory("Validate"), Benchmark]
    public bool VerifyRawSignature() => _verifier.Verify(_signingInput, _signature);

    [BenchmarkCategory("Create"), Benchmark(Baseline = true)]
    public string CreateJsonWebTokenHandler() => _wilson.CreateToken(_wilsonDescriptor);

    [BenchmarkCategory("Create"), Benchmark]
    public string CreateSecEvent() => _handler.CreateToken(_descriptor);

    [BenchmarkCategory("Create"), Benchmark]
    public byte[] SignRaw() => _signer.Sign(_signingInput);
}
