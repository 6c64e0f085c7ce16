using System.Text.Json;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Interop;

/// <summary>
/// Encrypted SETs (Nested JWTs, RFC 7519 §5.2) cross between SecEvent and panva/jose for every key management and
/// content encryption pair: jose encrypts a SET signed here, to its own key and to one made here, and SecEvent decrypts
/// and validates it; SecEvent encrypts and jose's compactDecrypt and jwtVerify open and check it. Two Node.js
/// processes serve the whole class: one makes jose's keys, one runs every other jose operation.
/// </summary>
[NonParallelizable]
public partial class JoseJweInteropTests
{
    private const string JwtId = "interop-jwe-1";

    /// <summary>Whose key a JWE is encrypted to: jose's, or the one made here.</summary>
    private const string ToJose = "jose", ToOurs = "ours";

    private static readonly JsonElement Payload = JsonElement.Parse($$$"""
        {"iss":"{{{Some.Issuer}}}","aud":"{{{Some.Audience}}}","iat":{{{Some.NowSeconds}}},"jti":"{{{JwtId}}}",
         "sub_id":{"format":"opaque","id":"f67e39a0a4d34d56b3aa1bc4cff0069f"},
         "events":{"https://schemas.openid.net/secevent/ssf/event-type/verification":{"state":"ZW5jcnlwdGVk"}}
        }
        """);

    private readonly Dictionary<string, JsonElement> _joseKeys = [];
    private readonly Dictionary<(string Recipient, string Enc, string To), string> _joseJwes = [];
    private readonly Dictionary<(string Recipient, string Enc, string To), string> _ourJwes = [];
    private readonly Dictionary<(string Recipient, string Enc, string To), JsonElement> _joseVerdicts = [];
    private readonly List<object> _operations = [];
    private readonly List<Action<JsonElement>> _takers = [];
    private JsonElement _joseVerdictWithWrongKey;
    private JsonElement _joseVerdictWithOtherType;
    private string _joseJweToShortExponentKey = null!;

    [OneTimeSetUp]
    public async Task CrossAsync()
    {
        var generated = await JoseBridge.RunAsync([.. JweRecipient.All.Select(r => new { op = "generateEncryption", alg = r.Algorithm, crv = r.Curve })]);
        for (var i = 0; i < JweRecipient.All.Length; i++)
        {
            _joseKeys[JweRecipient.All[i].Name] = generated[i];
        }

        var handler = Some.Handler();
        var signed = handler.CreateToken(Descriptor());
        foreach (var (recipient, enc) in AllPairs())
        {
            foreach (var to in new[] { ToJose, ToOurs })
            {
                var key = (recipient.Name, enc, to);
                Enqueue(new { op = "encrypt", token = signed, alg = recipient.Algorithm, enc, jwk = PublicJwk(recipient, to) }, r => _joseJwes[key] = r.GetProperty("jwe").GetString()!);

                var descriptor = Descriptor();
                descriptor.EncryptingCredentials = new EncryptingCredentials(PublicKey(recipient, to), recipient.Algorithm, enc);
                _ourJwes[key] = handler.CreateToken(descriptor);
                Enqueue(Decrypt(_ourJwes[key], recipient, enc, PrivateJwk(recipient, to), Verification("secevent+jwt")), r => _joseVerdicts[key] = r);
            }
        }

        var control = (Recipient: JweRecipient.Named(SecurityEventEncryptionAlgorithms.RsaOaep256), Enc: SecurityEventEncryptionAlgorithms.A256Gcm);
        var toJose = _ourJwes[(control.Recipient.Name, control.Enc, ToJose)];
        Enqueue(Decrypt(toJose, control.Recipient, control.Enc, PrivateJwk(control.Recipient, ToOurs), Verification("secevent+jwt")), r => _joseVerdictWithWrongKey = r);
        Enqueue(Decrypt(toJose, control.Recipient, control.Enc, PrivateJwk(control.Recipient, ToJose), Verification("logout+jwt")), r => _joseVerdictWithOtherType = r);
        Enqueue(
            new { op = "encrypt", token = signed, alg = control.Recipient.Algorithm, enc = control.Enc, jwk = ShortExponentPublicJwk },
            r => _joseJweToShortExponentKey = r.GetProperty("jwe").GetString()!);
        EnqueueLogout(handler);

        var results = await JoseBridge.RunAsync(_operations);
        for (var i = 0; i < results.Length; i++)
        {
            _takers[i](results[i]);
        }
    }

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseEncryptedToJoseKey_DecryptedWithThatKeyAndValidatedSET14(string recipient, string enc)
    {
        var joseKey = JoseDecryptionKey(recipient);
        var decoy = JweRecipient.Named(recipient).OurKey;

        var result = await Some.Handler().ValidateTokenAsync(_joseJwes[(recipient, enc, ToJose)], Parameters(decoy, joseKey));

        ExpectValid(result, joseKey);
    }

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseEncryptedToOurExportedKey_DecryptedWithOurKeyAndValidatedSET14(string recipient, string enc)
    {
        var ourKey = JweRecipient.Named(recipient).OurKey;

        var result = await Some.Handler().ValidateTokenAsync(_joseJwes[(recipient, enc, ToOurs)], Parameters(JoseDecryptionKey(recipient), ourKey));

        ExpectValid(result, ourKey);
    }

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public void CompactDecrypt_EncryptedHereToJoseKey_JoseDecryptsAndVerifiesInnerSetSET14(string recipient, string enc) =>
        ExpectJoseAccepted(_joseVerdicts[(recipient, enc, ToJose)], recipient, enc, $"jose-{recipient.Replace(' ', '-')}", "secevent+jwt");

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public void CompactDecrypt_EncryptedHereToOurKey_JoseDecryptsWithExportedKeySET14(string recipient, string enc) =>
        ExpectJoseAccepted(_joseVerdicts[(recipient, enc, ToOurs)], recipient, enc, JweRecipient.Named(recipient).OurKey.KeyId, "secevent+jwt");

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_JoseEncryptedButOnlyAnotherKeyHeld_InvalidKeySET14(string recipient, string enc)
    {
        // Shows the decryption keys decide: the acceptances above are not a property of the token alone.
        var result = await Some.Handler().ValidateTokenAsync(_joseJwes[(recipient, enc, ToJose)], Parameters(JweRecipient.Named(recipient).OurKey));

        result.Error!.Code.Should().Be(SecurityEventErrorCodes.InvalidKey);
        result.DecryptionKey.Should().BeNull();
    }

    [Test]
    public void CompactDecrypt_EncryptedHereButDecryptedWithAnotherKey_RefusedByJoseSET14()
    {
        _joseVerdictWithWrongKey.GetProperty("ok").GetBoolean().Should().BeFalse();
        _joseVerdictWithWrongKey.GetProperty("stage").GetString().Should().Be("decrypt");
        _joseVerdictWithWrongKey.GetProperty("code").GetString().Should().Be("ERR_JWE_DECRYPTION_FAILED");
    }

    [Test]
    public void CompactDecrypt_EncryptedHereButLogoutTypExpected_InnerSetRefusedByJoseSET14()
    {
        _joseVerdictWithOtherType.GetProperty("ok").GetBoolean().Should().BeFalse();
        _joseVerdictWithOtherType.GetProperty("stage").GetString().Should().Be("verify");
        _joseVerdictWithOtherType.GetProperty("code").GetString().Should().Be("ERR_JWT_CLAIM_VALIDATION_FAILED");
    }

    [Test]
    public async Task ValidateTokenAsync_JoseKeyWhosePrivateExponentHasLeadingZero_DecryptedSET14()
    {
        // JWK integers are written in the fewest octets (RFC 7518 §6.3.2), so about one jose RSA key in a hundred has a
        // private member shorter than the modulus-sized fields of RSAParameters; this key's 'd' is 255 octets, not 256.
        var key = new JsonWebKey(ShortExponentPrivateJwk);

        var result = await Some.Handler().ValidateTokenAsync(_joseJweToShortExponentKey, Parameters(key));

        ExpectValid(result, key);
    }

    private static IEnumerable<(JweRecipient Recipient, string Enc)> AllPairs() =>
        from pair in JweRecipient.Pairs select (JweRecipient.Named((string)pair[0]), (string)pair[1]);

    private static SecurityEventTokenDescriptor Descriptor() => new()
    {
        Profile = SecurityEventProfile.SharedSignals,
        Issuer = Some.Issuer,
        Audiences = [Some.Audience],
        IssuedAt = Some.Now,
        JwtId = JwtId,
        SubjectId = new OpaqueSubjectIdentifier { Id = "f67e39a0a4d34d56b3aa1bc4cff0069f" },
        Events = [new SsfVerificationEvent { State = "ZW5jcnlwdGVk" }],
        SigningCredentials = new SigningCredentials(Some.EcKey, "ES256"),
    };

    private static SecurityEventTokenValidationParameters Parameters(params SecurityKey[] decryptionKeys) => new()
    {
        Profile = SecurityEventProfile.SharedSignals,
        ValidIssuers = [Some.Issuer],
        ValidAudiences = [Some.Audience],
        SigningKeys = [Some.PublicOf(Some.EcKey)],
        DecryptionKeys = [.. decryptionKeys],
        RequireEncryption = true,
    };

    private static void ExpectValid(SecurityEventTokenValidationResult result, SecurityKey decryptionKey)
    {
        result.Error.Should().BeNull();
        result.DecryptionKey.Should().BeSameAs(decryptionKey);
        result.Token!.Algorithm.Should().Be("ES256");
        JsonElement.DeepEquals(result.Token.Payload, Payload).Should().BeTrue(result.Token.Payload.GetRawText());
    }

    private static void ExpectJoseAccepted(JsonElement verdict, string recipient, string enc, string kid, string typ)
    {
        verdict.GetProperty("ok").GetBoolean().Should().BeTrue(verdict.GetRawText());
        var jweHeader = verdict.GetProperty("jweHeader");
        jweHeader.GetProperty("alg").GetString().Should().Be(JweRecipient.Named(recipient).Algorithm);
        jweHeader.GetProperty("enc").GetString().Should().Be(enc);
        jweHeader.GetProperty("cty").GetString().Should().Be("JWT");
        jweHeader.GetProperty("kid").GetString().Should().Be(kid);
        verdict.GetProperty("header").GetProperty("typ").GetString().Should().Be(typ);
        verdict.GetProperty("header").GetProperty("alg").GetString().Should().Be("ES256");
        verdict.GetProperty("payload").GetProperty("iss").GetString().Should().Be(Some.Issuer);
    }

    private static object Verification(string typ, long? currentDate = null) => new
    {
        jwks = new { keys = new[] { Jwk.From(Some.PublicOf(Some.EcKey), "ES256", includePrivate: false) } },
        typ,
        issuer = Some.Issuer,
        audience = Some.Audience,
        algorithms = new[] { "ES256" },
        currentDate,
    };

    private static object Decrypt(string jwe, JweRecipient recipient, string enc, object jwk, object verify) =>
        new { op = "decrypt", jwe, alg = recipient.Algorithm, enc, jwk, verify };

    private void Enqueue(object operation, Action<JsonElement> take)
    {
        _operations.Add(operation);
        _takers.Add(take);
    }

    private JsonWebKey JoseDecryptionKey(string recipient) => new(_joseKeys[recipient].GetProperty("privateJwk").GetRawText());

    private object PublicJwk(JweRecipient recipient, string to) =>
        to == ToJose ? _joseKeys[recipient.Name].GetProperty("publicJwk") : recipient.OurJwk(includePrivate: false);

    private object PrivateJwk(JweRecipient recipient, string to) =>
        to == ToJose ? _joseKeys[recipient.Name].GetProperty("privateJwk") : recipient.OurJwk(includePrivate: true);

    private SecurityKey PublicKey(JweRecipient recipient, string to) =>
        to == ToJose ? new JsonWebKey(_joseKeys[recipient.Name].GetProperty("publicJwk").GetRawText()) : Some.PublicOf(recipient.OurKey);
}
