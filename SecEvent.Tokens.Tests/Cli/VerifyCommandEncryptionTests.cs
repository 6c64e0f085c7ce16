using System.Buffers.Text;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary><c>secevent verify --decrypt-key</c>: encrypted SETs (sign, then encrypt) decrypted and validated.</summary>
public class VerifyCommandEncryptionTests
{
    private CliKeyRing _keys = null!;

    [OneTimeSetUp]
    public async Task CreateKeys() => _keys = await CliKeyRing.CreateAsync();

    [OneTimeTearDown]
    public void DeleteKeys() => _keys.Dispose();

    private static IEnumerable<TestCaseData> EveryAlgorithmWithGcmAndCbc() =>
        from algorithm in CliKeyRing.EncryptionAlgorithms
        from enc in new[] { "A256GCM", "A128CBC-HS256" }
        select new TestCaseData(algorithm, enc);

    [TestCaseSource(nameof(EveryAlgorithmWithGcmAndCbc))]
    [TestCase("RSA-OAEP-256", "A128GCM")]
    [TestCase("ECDH-ES+A256KW", "A256CBC-HS512")]
    public async Task SignEncryptThenVerify_EveryAlgorithm_IsAccepted(string algorithm, string enc)
    {
        var token = await SignAsync(algorithm, "--enc", enc);

        var result = await VerifyAsync(token, "--decrypt-key", _keys.PrivateKey(algorithm), "--require-encryption", "--iss", Some.Issuer, "--aud", Some.Audience);

        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);
        result.Stderr.Should().BeEmpty();
        result.Json.GetProperty("header").GetProperty("alg").GetString().Should().Be("ES256", "header is the JWS header that was verified");
        result.Json.GetProperty("payload").GetProperty("iss").GetString().Should().Be(Some.Issuer);
        var jweHeader = result.Json.GetProperty("jwe_header");
        jweHeader.GetProperty("alg").GetString().Should().Be(algorithm);
        jweHeader.GetProperty("enc").GetString().Should().Be(enc);
    }

    [Test]
    public async Task SignEncryptThenVerify_EcdhOnP384_IsAccepted()
    {
        var (privateKey, publicKeys) = (_keys.File("p384.jwk"), _keys.File("p384.jwks"));
        (await CliRun.RunAsync("keygen", "--alg", "ECDH-ES+A256KW", "--crv", "P-384", "--out", privateKey, "--jwks", publicKeys)).ExitCode.Should().Be(0);
        var token = await SignToAsync(publicKeys);

        var result = await VerifyAsync(token, "--decrypt-key", privateKey);

        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);
        result.Json.GetProperty("jwe_header").GetProperty("epk").GetProperty("crv").GetString().Should().Be("P-384");
    }

    [Test]
    public async Task Verify_Encrypted_PrintsHeaderPayloadEventsAndTheJweHeader()
    {
        var token = await SignAsync("RSA-OAEP-256");

        var result = await VerifyAsync(token, "--decrypt-key", _keys.PrivateKey("RSA-OAEP-256"));

        result.ExitCode.Should().Be(0, result.Stdout);
        result.MemberNames.Should().Equal("header", "payload", "events", "jwe_header");
        result.Json.GetProperty("header").GetProperty("typ").GetString().Should().Be("secevent+jwt");
        JsonElement.DeepEquals(result.Json.GetProperty("jwe_header"), JsonElement.Parse(RawToken.Decode(token.Split('.')[0]))).Should().BeTrue();
        result.Json.GetProperty("events")[0].GetProperty("type").GetString().Should().Be(Some.EventType);
        result.Stdout.Should().NotContain(token).And.Subject.TrimEnd().Should().NotContain("\n", "one object per line");
    }

    [Test]
    public async Task Verify_PlainSetWithDecryptKey_IsAcceptedWithoutJweHeader()
    {
        var token = await SignPlainAsync();

        var result = await VerifyAsync(token, "--decrypt-key", _keys.PrivateKey("RSA-OAEP-256"));

        result.ExitCode.Should().Be(0, result.Stdout);
        result.MemberNames.Should().Equal("header", "payload", "events");
    }

    [Test]
    public async Task Verify_SeveralDecryptKeys_UsesTheOneThatFits()
    {
        var token = await SignAsync("RSA-OAEP");

        var result = await VerifyAsync(token,
            "--decrypt-key", _keys.PrivateKey("ECDH-ES+A256KW"), "--decrypt-key", _keys.PrivateKey("RSA-OAEP-256"), "--decrypt-key", _keys.PrivateKey("RSA-OAEP"));

        result.ExitCode.Should().Be(0, result.Stdout);
        result.Json.GetProperty("jwe_header").GetProperty("alg").GetString().Should().Be("RSA-OAEP");
    }

    [TestCase("RSA-OAEP-256", "RSA-OAEP-256", true, TestName = "Verify_OtherRsaKeyWithTheSameKid_IsRefusedWithInvalidKey")]
    [TestCase("RSA-OAEP-256", "RSA-OAEP-256", false, TestName = "Verify_OtherRsaKeyWithAnotherKid_IsRefusedWithInvalidKey")]
    [TestCase("ECDH-ES+A256KW", "ECDH-ES+A256KW", false, TestName = "Verify_OtherEcdhKey_IsRefusedWithInvalidKey")]
    [TestCase("RSA-OAEP-256", "ECDH-ES+A256KW", false, TestName = "Verify_EcdhKeyForRsaOaepToken_IsRefusedWithInvalidKey")]
    public async Task Verify_WrongDecryptKey_IsRefusedWithInvalidKey(string tokenAlgorithm, string keyAlgorithm, bool sameKid)
    {
        var token = await SignAsync(tokenAlgorithm);
        var kid = JsonElement.Parse(RawToken.Decode(token.Split('.')[0])).GetProperty("kid").GetString()!;
        var other = _keys.File($"other-{Guid.NewGuid():N}.jwk");
        string[] keygen = ["keygen", "--alg", keyAlgorithm, "--out", other];
        (await CliRun.RunAsync(sameKid ? [.. keygen, "--kid", kid] : keygen)).ExitCode.Should().Be(0);

        var result = await VerifyAsync(token, "--decrypt-key", other);

        result.ExitCode.Should().Be(1);
        result.MemberNames.Should().Equal("err", "description");
        result.Json.GetProperty("err").GetString().Should().Be("invalid_key");
        result.Stderr.Should().BeEmpty();
    }

    [TestCase(2, TestName = "Verify_TamperedIv_IsRefusedWithInvalidKey")]
    [TestCase(3, TestName = "Verify_TamperedCiphertext_IsRefusedWithInvalidKey")]
    [TestCase(4, TestName = "Verify_TamperedTag_IsRefusedWithInvalidKey")]
    public async Task Verify_TamperedJwe_IsRefusedWithInvalidKey(int part)
    {
        var parts = (await SignAsync("RSA-OAEP-256")).Split('.');
        var bytes = Base64Url.DecodeFromChars(parts[part]);
        bytes[0] ^= 0x01;
        parts[part] = RawToken.Encode(bytes);

        var result = await VerifyAsync(string.Join('.', parts), "--decrypt-key", _keys.PrivateKey("RSA-OAEP-256"));

        result.ExitCode.Should().Be(1);
        result.Json.GetProperty("err").GetString().Should().Be("invalid_key");
    }

    [Test]
    public async Task Verify_EncryptedSetSignedByAnotherKey_IsRefusedWithInvalidKey()
    {
        // Decryption proves who the SET was for, not who wrote it: the signature inside is still checked.
        var result = await CliRun.WithStdinAsync(CliPayloads.Rfc8417, "sign", "--key", _keys.PrivateKey("ES384"), "--encrypt-to", _keys.PublicKeys("RSA-OAEP-256"));
        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);

        var verified = await VerifyAsync(result.Line, "--decrypt-key", _keys.PrivateKey("RSA-OAEP-256"));

        verified.ExitCode.Should().Be(1);
        verified.Json.GetProperty("err").GetString().Should().Be("invalid_key");
    }

    [Test]
    public async Task Verify_EncryptedWithoutDecryptKey_IsRefusedWithInvalidKey()
    {
        var token = await SignAsync("ECDH-ES+A256KW");

        var result = await VerifyAsync(token);

        result.ExitCode.Should().Be(1);
        result.MemberNames.Should().Equal("err", "description");
        result.Json.GetProperty("err").GetString().Should().Be("invalid_key");
    }

    [Test]
    public async Task Verify_RequireEncryptionWithPlainSet_IsRefusedWithInvalidRequest()
    {
        var token = await SignPlainAsync();

        var result = await VerifyAsync(token, "--decrypt-key", _keys.PrivateKey("RSA-OAEP-256"), "--require-encryption");

        result.ExitCode.Should().Be(1);
        result.MemberNames.Should().Equal("err", "description");
        result.Json.GetProperty("err").GetString().Should().Be("invalid_request");
        result.Json.GetProperty("description").GetString().Should().Contain("encrypted");
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public async Task Verify_RequireEncryptionWithoutDecryptKey_IsAUsageError()
    {
        var result = await VerifyAsync(await SignPlainAsync(), "--require-encryption");

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("--decrypt-key");
    }

    [TestCase("ES256", false, "not an encryption key", TestName = "Verify_SigningKeyAsDecryptKey_IsAUsageError")]
    [TestCase("RSA-OAEP-256", true, "JWK Set", TestName = "Verify_PublicJwksAsDecryptKey_IsAUsageError")]
    public async Task Verify_UnusableDecryptKey_IsAUsageError(string algorithm, bool publicSet, string reason)
    {
        var result = await VerifyAsync(await SignAsync("RSA-OAEP-256"), "--decrypt-key", publicSet ? _keys.PublicKeys(algorithm) : _keys.PrivateKey(algorithm));

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain(reason).And.NotContain("\"d\"");
    }

    [Test]
    public async Task Verify_PublicJwkAsDecryptKey_IsAUsageError()
    {
        var path = _keys.File("public-only.jwk");
        await File.WriteAllTextAsync(path, JsonElement.Parse(await File.ReadAllTextAsync(_keys.PublicKeys("RSA-OAEP-256"))).GetProperty("keys")[0].GetRawText());

        var result = await VerifyAsync(await SignAsync("RSA-OAEP-256"), "--decrypt-key", path);

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("no private key");
    }

    [Test]
    public async Task Verify_MissingDecryptKeyFile_IsAUsageError()
    {
        var result = await VerifyAsync(await SignAsync("RSA-OAEP-256"), "--decrypt-key", _keys.File("no-such.jwk"));

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("no-such.jwk");
    }

    private Task<string> SignAsync(string algorithm, params string[] extra) => SignToAsync(_keys.PublicKeys(algorithm), extra);

    private async Task<string> SignToAsync(string recipient, params string[] extra)
    {
        var result = await CliRun.WithStdinAsync(CliPayloads.Rfc8417, ["sign", "--key", _keys.PrivateKey("ES256"), "--encrypt-to", recipient, .. extra]);
        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);
        return result.Line;
    }

    private async Task<string> SignPlainAsync()
    {
        var result = await CliRun.WithStdinAsync(CliPayloads.Rfc8417, "sign", "--key", _keys.PrivateKey("ES256"));
        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);
        return result.Line;
    }

    private Task<CliResult> VerifyAsync(string token, params string[] extra) =>
        CliRun.WithStdinAsync(token, ["verify", "--jwks", _keys.PublicKeys("ES256"), .. extra]);
}
