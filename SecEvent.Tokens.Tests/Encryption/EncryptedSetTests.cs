using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Encryption;

/// <summary>Encrypted SETs (RFC 8417 §5.1, SET-14): sign, then encrypt to the receiver as a Nested JWT.</summary>
public class EncryptedSetTests
{
    private static readonly string[] ContentEncryptions =
    [
        SecurityEventEncryptionAlgorithms.A128Gcm, SecurityEventEncryptionAlgorithms.A256Gcm,
        SecurityEventEncryptionAlgorithms.A128CbcHs256, SecurityEventEncryptionAlgorithms.A256CbcHs512,
    ];

    private static IEnumerable<TestCaseData> EveryPair() =>
        from recipient in new[] { ("RSA-OAEP", "-"), ("RSA-OAEP-256", "-"), ("ECDH-ES+A256KW", "P-256"), ("ECDH-ES+A256KW", "P-384"), ("ECDH-ES+A256KW", "P-521") }
        from enc in ContentEncryptions
        select new TestCaseData(recipient.Item1, recipient.Item2, enc);

    [TestCaseSource(nameof(EveryPair))]
    public async Task CreateThenValidate_EveryAlgorithmPair_DecryptsAndValidatesSET14(string alg, string curve, string enc)
    {
        var (publicKey, privateKey) = EncryptionKeys.For(alg, curve);
        var descriptor = PersonalDataDescriptor();
        descriptor.EncryptingCredentials = new EncryptingCredentials(publicKey, alg, enc);

        var token = Some.Handler().CreateToken(descriptor);
        var result = await Validate(token, privateKey);

        token.Split('.').Should().HaveCount(5);
        result.ShouldBeAccepted().SubjectId.Should().Be(new EmailSubjectIdentifier { Email = "jane.smith@example.com" });
        result.DecryptionKey.Should().BeSameAs(privateKey);
        result.SigningKey.Should().NotBeNull();
        var header = JsonElement.Parse(JweBuilder.HeaderOf(token));
        JweBuilder.HeaderOf(token).Should().Contain($"\"alg\":\"{alg}\"", "names are written unescaped");
        header.GetProperty("alg").GetString().Should().Be(alg);
        header.GetProperty("enc").GetString().Should().Be(enc);
        header.GetProperty("cty").GetString().Should().Be("JWT");
        header.GetProperty("kid").GetString().Should().Be(publicKey.KeyId);
        header.TryGetProperty("epk", out var epk).Should().Be(alg == SecurityEventEncryptionAlgorithms.EcdhEsA256KW);
        if (header.TryGetProperty("epk", out _))
        {
            epk.GetProperty("crv").GetString().Should().Be(curve);
            epk.TryGetProperty("d", out _).Should().BeFalse("the ephemeral private key never leaves the transmitter");
        }

        // Each segment decoded: a random ciphertext cannot hold these by chance, a readable SET would.
        foreach (var segment in token.Split('.'))
        {
            System.Text.Encoding.UTF8.GetString(Base64Url.DecodeFromChars(segment)).Should().NotContain(descriptor.Issuer!).And.NotContain("jane.smith", "the SET inside is encrypted");
        }
    }

    [TestCase(SecurityEventEncryptionAlgorithms.A256Gcm, 32)]
    [TestCase(SecurityEventEncryptionAlgorithms.A128CbcHs256, 32)]
    [TestCase(SecurityEventEncryptionAlgorithms.A256CbcHs512, 64)]
    public async Task CreateThenValidate_DirectKey_DecryptsSET14(string enc, int keyBytes)
    {
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(keyBytes)) { KeyId = "shared" };
        var descriptor = PersonalDataDescriptor();
        descriptor.EncryptingCredentials = new EncryptingCredentials(key, SecurityEventEncryptionAlgorithms.Direct, enc);

        var token = Some.Handler().CreateToken(descriptor);

        token.Split('.')[1].Should().BeEmpty("dir has no encrypted key");
        (await Validate(token, key)).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_PlainSetWhenEncryptionRequired_InvalidRequestSET14()
    {
        var token = Some.Handler().CreateToken(PersonalDataDescriptor());

        var result = await Some.Handler().ValidateTokenAsync(token, Parameters(p => { p.RequireEncryption = true; p.DecryptionKeys = [EncryptionKeys.RsaPrivate]; }));

        result.ShouldBeInvalidRequest().Description.Should().Contain("encrypted");
    }

    [Test]
    public async Task ValidateTokenAsync_PlainSetWithoutRequirement_StillAcceptedSET14()
    {
        var result = await Validate(Some.Handler().CreateToken(PersonalDataDescriptor()), EncryptionKeys.RsaPrivate);

        result.ShouldBeAccepted();
        result.DecryptionKey.Should().BeNull();
    }

    [Test]
    public async Task ValidateTokenAsync_EncryptedButNoDecryptionKeys_InvalidKeySET14()
    {
        var result = await Some.Handler().ValidateTokenAsync(Encrypted(), Parameters());

        result.ShouldBeInvalidKey().Description.Should().Contain("no decryption key");
    }

    [Test]
    public async Task ValidateTokenAsync_WrongKey_InvalidKeySET14()
    {
        var result = await Validate(Encrypted(), EncryptionKeys.OtherRsaPrivate);

        result.ShouldBeInvalidKey();
    }

    [TestCase(1, TestName = "ValidateTokenAsync_TamperedEncryptedKey_InvalidKeySET14")]
    [TestCase(2, TestName = "ValidateTokenAsync_TamperedIv_InvalidKeySET14")]
    [TestCase(3, TestName = "ValidateTokenAsync_TamperedCiphertext_InvalidKeySET14")]
    [TestCase(4, TestName = "ValidateTokenAsync_TamperedTag_InvalidKeySET14")]
    public async Task ValidateTokenAsync_TamperedPart_InvalidKeySET14(int part)
    {
        foreach (var enc in ContentEncryptions)
        {
            var result = await Validate(JweBuilder.Tamper(Encrypted(enc: enc), part), EncryptionKeys.RsaPrivate);

            result.ShouldBeInvalidKey();
        }
    }

    [Test]
    public async Task ValidateTokenAsync_TamperedHeaderStillJson_InvalidKeySET14()
    {
        // The protected header is the additional authenticated data: any change breaks the tag.
        var token = Encrypted();
        var header = JweBuilder.HeaderOf(token).Replace("\"cty\":\"JWT\"", "\"cty\":\"jwt\"", StringComparison.Ordinal);
        var tampered = Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(header)) + token[token.IndexOf('.', StringComparison.Ordinal)..];

        (await Validate(tampered, EncryptionKeys.RsaPrivate)).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_TamperedEphemeralKey_InvalidKeySET14()
    {
        var (publicKey, privateKey) = EncryptionKeys.For(SecurityEventEncryptionAlgorithms.EcdhEsA256KW);
        var token = Encrypted(publicKey, SecurityEventEncryptionAlgorithms.EcdhEsA256KW);
        var header = JsonElement.Parse(JweBuilder.HeaderOf(token));
        var x = header.GetProperty("epk").GetProperty("x").GetString()!;
        var otherX = Base64Url.EncodeToString(Base64Url.DecodeFromChars(x).Select((b, i) => i == 31 ? (byte)(b ^ 1) : b).ToArray());
        var tampered = Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(JweBuilder.HeaderOf(token).Replace(x, otherX, StringComparison.Ordinal)))
            + token[token.IndexOf('.', StringComparison.Ordinal)..];

        (await Validate(tampered, privateKey)).ShouldBeInvalidKey();
    }

    [TestCase("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"zip\":\"DEF\"}", "zip")]
    [TestCase("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"crit\":[\"exp\"]}", "crit")]
    [TestCase("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}", "cty")]
    [TestCase("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"secevent+jwt\"}", "cty")]
    [TestCase("{\"alg\":\"RSA-OAEP-256\",\"cty\":\"JWT\"}", "enc")]
    [TestCase("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"enc\":\"A128GCM\",\"cty\":\"JWT\"}", "repeat")]
    [TestCase("{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}", "epk")]
    [TestCase("{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"epk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}}", "epk")]
    [TestCase("{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"epk\":{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}}", "epk")]
    public async Task ValidateTokenAsync_MalformedOrRefusedHeader_InvalidRequest(string header, string named)
    {
        var token = JweBuilder.RsaOaep256(header, Some.Handler().CreateToken(PersonalDataDescriptor()), EncryptionKeys.Rsa);

        var result = await Validate(token, EncryptionKeys.RsaPrivate);

        result.ShouldBeInvalidRequest().Description.Should().Contain(named);
    }

    [Test]
    public async Task ValidateTokenAsync_EphemeralKeyWithPrivatePart_InvalidRequest()
    {
        var ec = EncryptionKeys.EcPrivate();
        var p = ec.ECDsa.ExportParameters(true);
        var epk = $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{Base64Url.EncodeToString(p.Q.X)}\",\"y\":\"{Base64Url.EncodeToString(p.Q.Y)}\",\"d\":\"{Base64Url.EncodeToString(p.D)}\"}}";
        var token = JweBuilder.RsaOaep256($"{{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"epk\":{epk}}}", "x.y.z", EncryptionKeys.Rsa);

        (await Validate(token, ec)).ShouldBeInvalidRequest().Description.Should().Contain("epk");
    }

    [Test]
    public async Task ValidateTokenAsync_JweInsideJwe_InvalidRequest()
    {
        var inner = Encrypted();
        var outer = JweBuilder.RsaOaep256("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}", inner, EncryptionKeys.Rsa);

        (await Validate(outer, EncryptionKeys.RsaPrivate)).ShouldBeInvalidRequest().Description.Should().Contain("another JWE");
    }

    [Test]
    public async Task ValidateTokenAsync_DirWithoutGivenKey_InvalidRequest()
    {
        var token = JweBuilder.Direct("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}", Some.Handler().CreateToken(PersonalDataDescriptor()), RandomNumberGenerator.GetBytes(32));

        (await Validate(token, EncryptionKeys.RsaPrivate)).ShouldBeInvalidRequest().Description.Should().Contain("dir");
    }

    [Test]
    public async Task ValidateTokenAsync_UnsupportedOrDisallowedAlgorithms_InvalidKey()
    {
        var rsaOaep = Encrypted(alg: SecurityEventEncryptionAlgorithms.RsaOaep);
        var rsa15 = JweBuilder.RsaOaep256("{\"alg\":\"RSA1_5\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}", "a.b.c", EncryptionKeys.Rsa);

        (await Some.Handler().ValidateTokenAsync(rsaOaep, Parameters(p =>
        {
            p.DecryptionKeys = [EncryptionKeys.RsaPrivate];
            p.ValidKeyManagementAlgorithms = [SecurityEventEncryptionAlgorithms.RsaOaep256];
        }))).ShouldBeInvalidKey();
        (await Some.Handler().ValidateTokenAsync(Encrypted(enc: SecurityEventEncryptionAlgorithms.A128CbcHs256), Parameters(p =>
        {
            p.DecryptionKeys = [EncryptionKeys.RsaPrivate];
            p.ValidContentEncryptionAlgorithms = [SecurityEventEncryptionAlgorithms.A256Gcm];
        }))).ShouldBeInvalidKey();
        (await Validate(rsa15, EncryptionKeys.RsaPrivate)).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_KidNamesOneKey_OnlyThatKeyUsed()
    {
        var token = Encrypted();
        var impostor = new RsaSecurityKey(RSA.Create(2048)) { KeyId = EncryptionKeys.RsaPrivate.KeyId };

        var named = await Some.Handler().ValidateTokenAsync(token, Parameters(p => p.DecryptionKeys = [EncryptionKeys.OtherRsaPrivate, EncryptionKeys.RsaPrivate]));
        var realUnderAnotherKid = new RsaSecurityKey(EncryptionKeys.Rsa) { KeyId = "enc-rsa-old" };
        var wrongNamed = await Some.Handler().ValidateTokenAsync(token, Parameters(p => p.DecryptionKeys = [impostor, realUnderAnotherKid]));

        named.ShouldBeAccepted();
        named.DecryptionKey!.KeyId.Should().Be("enc-rsa");
        wrongNamed.ShouldBeInvalidKey(); // The key the kid names is the only one tried.
    }

    [Test]
    public async Task ValidateTokenAsync_KidNamesNoKey_EveryKeyTried()
    {
        var recipient = new RsaSecurityKey(EncryptionKeys.Rsa.ExportParameters(false)) { KeyId = "rotated-away" };
        var token = Encrypted(recipient);

        (await Some.Handler().ValidateTokenAsync(token, Parameters(p => p.DecryptionKeys = [EncryptionKeys.OtherRsaPrivate, EncryptionKeys.RsaPrivate])))
            .ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_DecryptionJwkForSigning_NotUsed()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(EncryptionKeys.RsaPrivate);
        jwk.Use = "sig";

        (await Validate(Encrypted(), jwk)).ShouldBeInvalidKey();
        jwk.Use = "enc";
        (await Validate(Encrypted(), jwk)).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_LargerThanMaximum_InvalidRequest()
    {
        var result = await Some.Handler().ValidateTokenAsync(Encrypted(), Parameters(p =>
        {
            p.DecryptionKeys = [EncryptionKeys.RsaPrivate];
            p.MaximumTokenSize = 200;
        }));

        result.ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_InnerSetInvalid_RefusedLikeAPlainOne()
    {
        var descriptor = PersonalDataDescriptor();
        descriptor.Issuer = "https://someone-else.example.com";
        descriptor.EncryptingCredentials = new EncryptingCredentials(EncryptionKeys.RsaPublic, SecurityEventEncryptionAlgorithms.RsaOaep256, SecurityEventEncryptionAlgorithms.A256Gcm);

        var result = await Validate(Some.Handler().CreateToken(descriptor), EncryptionKeys.RsaPrivate);

        result.ShouldBeRefused(SecurityEventErrorCodes.InvalidIssuer);
    }

    [Test]
    public async Task CreateThenValidate_LogoutToken_HeaderRepeatsIssuerBCL05()
    {
        var descriptor = Some.LogoutDescriptor();
        descriptor.EncryptingCredentials = new EncryptingCredentials(EncryptionKeys.RsaPublic, SecurityEventEncryptionAlgorithms.RsaOaep256, SecurityEventEncryptionAlgorithms.A256Gcm);

        var token = Some.Handler().CreateToken(descriptor);
        var result = await Some.Handler().ValidateTokenAsync(token, Parameters(p =>
        {
            p.Profile = SecurityEventProfile.BackChannelLogout;
            p.DecryptionKeys = [EncryptionKeys.RsaPrivate];
        }, "HS256"));

        JsonElement.Parse(JweBuilder.HeaderOf(token)).GetProperty("iss").GetString().Should().Be(Some.Issuer);
        result.ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_HeaderIssuerDiffersFromSet_InvalidRequestBCL05()
    {
        var signed = Some.Handler().CreateToken(PersonalDataDescriptor());
        var token = JweBuilder.RsaOaep256("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"iss\":\"https://other.example.com\"}", signed, EncryptionKeys.Rsa);

        (await Validate(token, EncryptionKeys.RsaPrivate)).ShouldBeInvalidRequest().Description.Should().Contain("'iss'");
    }

    [Test]
    public async Task ValidateTokenAsync_HeaderIssuerDiffers_JtiNotSpentInReplayCacheBCL05()
    {
        var signed = Some.Handler().CreateToken(PersonalDataDescriptor());
        var lying = JweBuilder.RsaOaep256("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"iss\":\"https://other.example.com\"}", signed, EncryptionKeys.Rsa);
        var honest = JweBuilder.RsaOaep256($"{{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"iss\":\"{Some.Issuer}\"}}", signed, EncryptionKeys.Rsa);
        var parameters = Parameters(p =>
        {
            p.DecryptionKeys = [EncryptionKeys.RsaPrivate];
            p.ReplayCache = new InMemorySecurityEventReplayCache(TimeSpan.FromDays(1), timeProvider: new ManualTimeProvider(Some.Now));
        });

        (await Some.Handler().ValidateTokenAsync(lying, parameters)).ShouldBeInvalidRequest();
        (await Some.Handler().ValidateTokenAsync(honest, parameters)).ShouldBeAccepted();
    }

    [Test]
    public void CreateToken_UnsecuredAndEncrypted_RefusedSET14()
    {
        var descriptor = PersonalDataDescriptor();
        descriptor.SigningCredentials = null;
        descriptor.Unsecured = true;
        descriptor.EncryptingCredentials = new EncryptingCredentials(EncryptionKeys.RsaPublic, SecurityEventEncryptionAlgorithms.RsaOaep256, SecurityEventEncryptionAlgorithms.A256Gcm);

        CreationError(descriptor).Should().Contain("signed, then encrypted");
    }

    [TestCase("RSA1_5", "A256GCM", "key management")]
    [TestCase("RSA-OAEP-256", "A192GCM", "content encryption")]
    [TestCase("ECDH-ES+A256KW", "A256GCM", "cannot be used")]
    public void CreateToken_UnusableCredentials_RefusedWithInvalidKey(string alg, string enc, string message) =>
        CreationError(new EncryptingCredentials(EncryptionKeys.RsaPublic, alg, enc)).Should().Contain(message);

    [Test]
    public void CreateToken_WeakOrMisusedKeys_Refused()
    {
        CreationError(new EncryptingCredentials(new RsaSecurityKey(RSA.Create(1024)), SecurityEventEncryptionAlgorithms.RsaOaep256, SecurityEventEncryptionAlgorithms.A256Gcm))
            .Should().Contain("2048");
        var signingJwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(EncryptionKeys.RsaPublic);
        signingJwk.Use = "sig";
        CreationError(new EncryptingCredentials(signingJwk, SecurityEventEncryptionAlgorithms.RsaOaep256, SecurityEventEncryptionAlgorithms.A256Gcm))
            .Should().Contain("'use'");
        CreationError(new EncryptingCredentials(new SymmetricSecurityKey(new byte[16]), SecurityEventEncryptionAlgorithms.Direct, SecurityEventEncryptionAlgorithms.A256Gcm))
            .Should().Contain("256 bits");
        var offCurve = new JsonWebKey { Kty = "EC", Crv = "P-256", X = Base64Url.EncodeToString(new byte[32]), Y = Base64Url.EncodeToString(new byte[32]) };
        CreationError(new EncryptingCredentials(offCurve, SecurityEventEncryptionAlgorithms.EcdhEsA256KW, SecurityEventEncryptionAlgorithms.A256Gcm))
            .Should().Contain("on the curve");
    }

    private static string CreationError(EncryptingCredentials credentials)
    {
        var descriptor = PersonalDataDescriptor();
        descriptor.EncryptingCredentials = credentials;
        return CreationError(descriptor);
    }

    private static string CreationError(SecurityEventTokenDescriptor descriptor)
    {
        var error = EventTokens.CreationError(descriptor);
        error.Code.Should().Be(SecurityEventErrorCodes.InvalidKey);
        return error.Description;
    }

    private static string Encrypted(SecurityKey? recipient = null, string alg = SecurityEventEncryptionAlgorithms.RsaOaep256, string enc = SecurityEventEncryptionAlgorithms.A256Gcm)
    {
        var descriptor = PersonalDataDescriptor();
        descriptor.EncryptingCredentials = new EncryptingCredentials(recipient ?? EncryptionKeys.RsaPublic, alg, enc);
        return Some.Handler().CreateToken(descriptor);
    }

    /// <summary>A SET carrying personal data, the case RFC 8417 §5.1 asks to encrypt.</summary>
    private static SecurityEventTokenDescriptor PersonalDataDescriptor()
    {
        var descriptor = Some.SharedSignalsDescriptor(new CaepCredentialChange
        {
            CredentialType = CaepCredentialTypes.Password,
            ChangeType = CaepChangeType.Update,
            ReasonAdmin = new Dictionary<string, string> { ["en"] = "Reset by jane.smith after a phishing report" },
        });
        descriptor.SubjectId = new EmailSubjectIdentifier { Email = "jane.smith@example.com" };
        return descriptor;
    }

    private static ValueTask<SecurityEventTokenValidationResult> Validate(string token, SecurityKey decryptionKey) =>
        Some.Handler().ValidateTokenAsync(token, Parameters(p => p.DecryptionKeys = [decryptionKey]));

    private static SecurityEventTokenValidationParameters Parameters(Action<SecurityEventTokenValidationParameters>? configure = null, string algorithm = "HS256")
    {
        var parameters = Some.Parameters(algorithm);
        parameters.Profile = SecurityEventProfile.SharedSignals;
        configure?.Invoke(parameters);
        return parameters;
    }
}
