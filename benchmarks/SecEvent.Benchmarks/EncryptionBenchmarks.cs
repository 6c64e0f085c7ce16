using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Benchmarks;

/// <summary>
/// One SSF verification SET signed with ES256, created and validated as a plain JWS (the baseline) and as a Nested JWT
/// (signed, then encrypted, RFC 7519 §5.2) for each key management and content encryption pair. The signing key is the
/// same in both, so the ratio is the price of encryption alone.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EncryptionBenchmarks
{
    private const string Issuer = "https://tr.example.com";
    private const string Audience = "https://rp.example.com";

    private readonly SecurityEventTokenHandler _handler = new();
    private SecurityEventTokenDescriptor _signedDescriptor = null!;
    private SecurityEventTokenDescriptor _encryptedDescriptor = null!;
    private SecurityEventTokenValidationParameters _parameters = null!;
    private string _signed = null!;
    private string _encrypted = null!;

    /// <summary>The JWE key management algorithm and content encryption algorithm, as <c>alg/enc</c>.</summary>
    [Params("RSA-OAEP-256/A256GCM", "RSA-OAEP-256/A128CBC-HS256", "ECDH-ES+A256KW/A256GCM", "ECDH-ES+A256KW/A128CBC-HS256")]
    public string Pair { get; set; } = "RSA-OAEP-256/A256GCM";

    [GlobalSetup]
    public void Setup()
    {
        var (alg, enc) = Pair.Split('/') switch
        {
            [var a, var e] => (a, e),
            _ => throw new InvalidOperationException($"Not an alg/enc pair: {Pair}."),
        };
        var signingKey = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "sig-1" };
        AsymmetricSecurityKey decryptionKey = alg == SecurityEventEncryptionAlgorithms.EcdhEsA256KW
            ? new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "enc-1" }
            : new RsaSecurityKey(RSA.Create(2048)) { KeyId = "enc-1" };
        SecurityKey encryptionKey = decryptionKey switch
        {
            ECDsaSecurityKey ec => new ECDsaSecurityKey(ECDsa.Create(ec.ECDsa.ExportParameters(false))) { KeyId = "enc-1" },
            RsaSecurityKey rsa => new RsaSecurityKey(rsa.Rsa.ExportParameters(false)) { KeyId = "enc-1" },
            _ => throw new InvalidOperationException(),
        };

        _signedDescriptor = Descriptor(signingKey);
        _encryptedDescriptor = Descriptor(signingKey);
        _encryptedDescriptor.EncryptingCredentials = new EncryptingCredentials(encryptionKey, alg, enc);
        _parameters = new SecurityEventTokenValidationParameters
        {
            Profile = SecurityEventProfile.SharedSignals,
            ValidIssuers = [Issuer],
            ValidAudiences = [Audience],
            SigningKeys = [new ECDsaSecurityKey(ECDsa.Create(signingKey.ECDsa.ExportParameters(false))) { KeyId = "sig-1" }],
            DecryptionKeys = [decryptionKey],
        };

        _signed = _handler.CreateToken(_signedDescriptor);
        _encrypted = _handler.CreateToken(_encryptedDescriptor);
        if (!ValidateSigned().GetAwaiter().GetResult() || !ValidateEncrypted().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark tokens do not validate.");
        }
    }

    [BenchmarkCategory("Validate"), Benchmark(Baseline = true)]
    public async Task<bool> ValidateSigned() => (await _handler.ValidateTokenAsync(_signed, _parameters)).IsValid;

    [BenchmarkCategory("Validate"), Benchmark]
    public async Task<bool> ValidateEncrypted() => (await _handler.ValidateTokenAsync(_encrypted, _parameters)).IsValid;

    [BenchmarkCategory("Create"), Benchmark(Baseline = true)]
    public string CreateSigned() => _handler.CreateToken(_signedDescriptor);

    [BenchmarkCategory("Create"), Benchmark]
    public string CreateEncrypted() => _handler.CreateToken(_encryptedDescriptor);

    private static SecurityEventTokenDescriptor Descriptor(SecurityKey signingKey) => new()
    {
        Profile = SecurityEventProfile.SharedSignals,
        Issuer = Issuer,
        Audiences = [Audience],
        SubjectId = new OpaqueSubjectIdentifier { Id = "f67e39a0a4d34d56b3aa1bc4cff0069f" },
        Events = [new SsfVerificationEvent { State = "VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRlIHZhbHVlLgo=" }],
        SigningCredentials = new SigningCredentials(signingKey, "ES256"),
    };
}
