using System.Text.Json;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary><c>secevent sign --encrypt-to</c>: the signed SET encrypted to the receiver's public key.</summary>
public class SignCommandEncryptionTests
{
    private CliKeyRing _keys = null!;

    [OneTimeSetUp]
    public async Task CreateKeys() => _keys = await CliKeyRing.CreateAsync();

    [OneTimeTearDown]
    public void DeleteKeys() => _keys.Dispose();

    [TestCaseSource(typeof(CliKeyRing), nameof(CliKeyRing.EncryptionAlgorithms))]
    public async Task Sign_EncryptTo_PrintsACompactJweForTheRecipient(string algorithm)
    {
        var result = await SignAsync("--encrypt-to", _keys.PublicKeys(algorithm));

        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);
        result.Stderr.Should().BeEmpty();
        var parts = result.Line.Split('.');
        parts.Should().HaveCount(5, "a compact JWE has five parts (RFC 7516 §7.1)");
        var header = JsonElement.Parse(RawToken.Decode(parts[0]));
        header.GetProperty("alg").GetString().Should().Be(algorithm);
        header.GetProperty("enc").GetString().Should().Be("A256GCM", "A256GCM is the default");
        header.GetProperty("cty").GetString().Should().Be("JWT", "a Nested JWT says so (RFC 7519 §5.2)");
        header.GetProperty("kid").GetString().Should().Be(KidOf(_keys.PrivateKey(algorithm)));
        header.TryGetProperty("epk", out _).Should().Be(algorithm.StartsWith("ECDH", StringComparison.Ordinal));
    }

    [TestCase("A128GCM")]
    [TestCase("A256GCM")]
    [TestCase("A128CBC-HS256")]
    [TestCase("A256CBC-HS512")]
    public async Task Sign_EncryptToWithEnc_UsesThatContentEncryption(string enc)
    {
        var result = await SignAsync("--encrypt-to", _keys.PublicKeys("RSA-OAEP-256"), "--enc", enc);

        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);
        JsonElement.Parse(RawToken.Decode(result.Line.Split('.')[0])).GetProperty("enc").GetString().Should().Be(enc);
    }

    [Test]
    public async Task Sign_EncryptToSingleJwk_IsAccepted()
    {
        var jwk = _keys.File("recipient.jwk");
        var publicKey = JsonElement.Parse(await File.ReadAllTextAsync(_keys.PublicKeys("ECDH-ES+A256KW"))).GetProperty("keys")[0];
        await File.WriteAllTextAsync(jwk, publicKey.GetRawText());

        var result = await SignAsync("--encrypt-to", jwk);

        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);
        result.Line.Split('.').Should().HaveCount(5);
    }

    [Test]
    public async Task Sign_EncryptToJwksWithSigningAndEncryptionKeys_PicksTheEncryptionKey()
    {
        var mixed = _keys.File("mixed.jwks");
        await File.WriteAllTextAsync(mixed, KeySet(_keys.PublicKeys("ES256"), _keys.PublicKeys("RSA-OAEP"), _keys.PublicKeys("RS256")));

        var result = await SignAsync("--encrypt-to", mixed);

        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);
        var header = JsonElement.Parse(RawToken.Decode(result.Line.Split('.')[0]));
        header.GetProperty("alg").GetString().Should().Be("RSA-OAEP");
        header.GetProperty("kid").GetString().Should().Be(KidOf(_keys.PrivateKey("RSA-OAEP")));
    }

    [TestCase("A192GCM")]
    [TestCase("a256gcm")]
    [TestCase("dir")]
    [TestCase("RSA-OAEP-256")]
    public async Task Sign_BadEnc_IsAUsageError(string enc)
    {
        var result = await SignAsync("--encrypt-to", _keys.PublicKeys("RSA-OAEP-256"), "--enc", enc);

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain(enc).And.Contain("A256GCM");
    }

    [Test]
    public async Task Sign_EncWithoutEncryptTo_IsAUsageError()
    {
        var result = await SignAsync("--enc", "A128GCM");

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("--encrypt-to");
    }

    [TestCase("ES256", true, TestName = "Sign_EncryptToSigningJwks_IsAUsageError")]
    [TestCase("ES256", false, TestName = "Sign_EncryptToSigningPrivateJwk_IsAUsageError")]
    [TestCase("RS256", true, TestName = "Sign_EncryptToRsaSigningJwks_IsAUsageError")]
    [TestCase("HS256", false, TestName = "Sign_EncryptToHmacKey_IsAUsageError")]
    public async Task Sign_EncryptToSigningKey_IsAUsageError(string algorithm, bool publicSet)
    {
        var result = await SignAsync("--encrypt-to", publicSet ? _keys.PublicKeys(algorithm) : _keys.PrivateKey(algorithm));

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("encryption key").And.NotContain("\"d\"");
    }

    [TestCase("""{"kty":"RSA","n":"AQAB","e":"AQAB","alg":"RSA-OAEP-256","use":"sig"}""", "'use' is 'sig'", TestName = "Sign_EncryptToKeyMarkedForSigning_IsAUsageError")]
    [TestCase("""{"kty":"EC","crv":"P-256","x":"AA","y":"AA","alg":"RSA-OAEP"}""", "needs a key of type 'RSA'", TestName = "Sign_EncryptToEcKeyForRsaOaep_IsAUsageError")]
    [TestCase("""{"kty":"RSA","n":"AQAB","e":"AQAB","alg":"ECDH-ES+A256KW","use":"enc"}""", "needs a key of type 'EC'", TestName = "Sign_EncryptToRsaKeyForEcdh_IsAUsageError")]
    [TestCase("""{"kty":"RSA","n":"AQAB","e":"AQAB","use":"enc"}""", "no 'alg'", TestName = "Sign_EncryptToKeyWithoutAlg_IsAUsageError")]
    [TestCase("""{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","alg":"dir","use":"enc"}""", "'alg' is 'dir'", TestName = "Sign_EncryptToDirectKey_IsAUsageError")]
    [TestCase("""{"keys":[]}""", "no encryption key", TestName = "Sign_EncryptToEmptyJwks_IsAUsageError")]
    [TestCase("""{"kty":"RSA","alg":"RSA-OAEP","alg":"RSA-OAEP-256"}""", "Duplicate", TestName = "Sign_EncryptToKeyWithDuplicateMember_IsAUsageError")]
    public async Task Sign_EncryptToUnusableKey_IsAUsageError(string jwk, string reason)
    {
        var path = _keys.File($"bad-{Guid.NewGuid():N}.jwk");
        await File.WriteAllTextAsync(path, jwk);

        var result = await SignAsync("--encrypt-to", path);

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain(reason);
    }

    [Test]
    public async Task Sign_EncryptToJwksWithTwoEncryptionKeys_IsAUsageError()
    {
        var two = _keys.File("two.jwks");
        await File.WriteAllTextAsync(two, KeySet(_keys.PublicKeys("RSA-OAEP-256"), _keys.PublicKeys("ECDH-ES+A256KW")));

        var result = await SignAsync("--encrypt-to", two);

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("2 encryption keys");
    }

    [Test]
    public async Task Sign_EncryptToMissingFile_IsAUsageError()
    {
        var result = await SignAsync("--encrypt-to", _keys.File("no-such.jwks"));

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("no-such.jwks");
    }

    [Test]
    public async Task Sign_EncryptToRsaKeyUnder2048Bits_IsRefusedWithInvalidKey()
    {
        // An encryption key the library will not encrypt to: an error object, as for a signing key that is too short.
        var path = _keys.File("rsa-1024.jwk");
        using (var rsa = System.Security.Cryptography.RSA.Create(1024))
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
            await File.WriteAllTextAsync(path, $$"""{"kty":"RSA","n":"{{jwk.N}}","e":"{{jwk.E}}","alg":"RSA-OAEP-256","use":"enc"}""");
        }

        var result = await SignAsync("--encrypt-to", path);

        result.ExitCode.Should().Be(1);
        result.MemberNames.Should().Equal("err", "description");
        result.Json.GetProperty("err").GetString().Should().Be("invalid_key");
    }

    [TestCase("AA", "AA", TestName = "Sign_EncryptToEcKeyWithShortCoordinates_IsAUsageError")]
    [TestCase("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", TestName = "Sign_EncryptToEcKeyOffTheCurve_IsAUsageError")]
    public async Task Sign_EncryptToInvalidEcPoint_IsAUsageError(string x, string y)
    {
        var path = _keys.File($"bad-point-{Guid.NewGuid():N}.jwk");
        await File.WriteAllTextAsync(path, $$"""{"kty":"EC","crv":"P-256","x":"{{x}}","y":"{{y}}","alg":"ECDH-ES+A256KW","use":"enc"}""");

        var result = await SignAsync("--encrypt-to", path);

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("not a valid P-256 public key");
    }

    private Task<CliResult> SignAsync(params string[] extra) =>
        CliRun.WithStdinAsync(CliPayloads.Rfc8417, ["sign", "--key", _keys.PrivateKey("ES256"), .. extra]);

    private static string KidOf(string privateJwk) => JsonElement.Parse(File.ReadAllText(privateJwk)).GetProperty("kid").GetString()!;

    private static string KeySet(params string[] jwksFiles) =>
        $$"""{"keys":[{{string.Join(',', jwksFiles.Select(f => JsonElement.Parse(File.ReadAllText(f)).GetProperty("keys")[0].GetRawText()))}}]}""";
}
