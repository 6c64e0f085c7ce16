using System.Text.Json;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Interop;

/// <summary>
/// SETs cross between SecEvent and panva/jose in both directions, for every JWS algorithm: jose signs with its own
/// keys and SecEvent validates; SecEvent signs and jose's jwtVerify checks signature, typ, issuer and audience.
/// </summary>
[NonParallelizable]
public class JoseInteropTests
{
    private static readonly string[] Algorithms =
        ["ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "HS256", "HS384", "HS512"];

    private static readonly JsonElement Payload = JsonElement.Parse($$$"""
        {"iss":"{{{Some.Issuer}}}","aud":"{{{Some.Audience}}}","iat":1767225600,"jti":"interop-1",
         "sub_id":{"format":"opaque","id":"f67e39a0a4d34d56b3aa1bc4cff0069f"},
         "events":{"https://schemas.openid.net/secevent/ssf/event-type/verification":{"state":"VGhpcyBpcyBhIHN0YXRl+/="}}
        }
        """);

    private readonly Dictionary<string, JsonElement> _josePublicKeys = [];
    private readonly Dictionary<string, string> _joseTokens = [];
    private readonly Dictionary<string, string> _ourTokens = [];
    private readonly Dictionary<string, JsonElement> _joseVerdicts = [];
    private JsonElement _joseVerdictForOtherType;

    [OneTimeSetUp]
    public async Task CrossAsync()
    {
        // Three Node.js processes in all: jose makes keys, jose signs, jose verifies ours.
        var generated = await JoseBridge.RunAsync([.. Algorithms.Select(alg => new { op = "generate", alg })]);
        var signed = await JoseBridge.RunAsync([.. Algorithms.Select((alg, i) => new
        {
            op = "sign", alg, jwk = generated[i].GetProperty("privateJwk"), typ = "secevent+jwt", payload = Payload,
        })]);

        var verifications = new List<object>();
        for (var i = 0; i < Algorithms.Length; i++)
        {
            var alg = Algorithms[i];
            _josePublicKeys[alg] = generated[i].GetProperty("publicJwk");
            _joseTokens[alg] = signed[i].GetProperty("token").GetString()!;
            _ourTokens[alg] = Some.Handler().CreateToken(OurDescriptor(alg));
            verifications.Add(VerifyInJose(_ourTokens[alg], alg, typ: "secevent+jwt"));
        }

        verifications.Add(VerifyInJose(_ourTokens["ES256"], "ES256", typ: "logout+jwt"));
        var verdicts = await JoseBridge.RunAsync(verifications);
        for (var i = 0; i < Algorithms.Length; i++)
        {
            _joseVerdicts[Algorithms[i]] = verdicts[i];
        }

        _joseVerdictForOtherType = verdicts[^1];
    }

    [TestCaseSource(nameof(Algorithms))]
    public async Task ValidateTokenAsync_SetSignedByJose_AcceptedWithJoseKeysFromJwks(string alg)
    {
        var jwks = new JsonWebKeySet($$"""{"keys":[{{_josePublicKeys[alg].GetRawText()}}]}""");

        var result = await Some.Handler().ValidateTokenAsync(_joseTokens[alg], SsfParameters(p => p.SigningKeySet = jwks));

        result.Error.Should().BeNull();
        result.Token!.Algorithm.Should().Be(alg);
        JsonElement.DeepEquals(result.Token.Payload, Payload).Should().BeTrue();
        result.Token.GetEvent<SsfVerificationEvent>()!.State.Should().Be("VGhpcyBpcyBhIHN0YXRl+/=");
    }

    [TestCaseSource(nameof(Algorithms))]
    public void JwtVerify_SetSignedHere_AcceptedByJoseWithItsTypCheck(string alg)
    {
        var verdict = _joseVerdicts[alg];

        verdict.GetProperty("ok").GetBoolean().Should().BeTrue(verdict.GetRawText());
        verdict.GetProperty("header").GetProperty("typ").GetString().Should().Be("secevent+jwt");
        verdict.GetProperty("header").GetProperty("alg").GetString().Should().Be(alg);
        verdict.GetProperty("payload").GetProperty("sub_id").GetProperty("id").GetString().Should().Be("f67e39a0a4d34d56b3aa1bc4cff0069f");
    }

    [Test]
    public void JwtVerify_SetSignedHereButLogoutTypExpected_RefusedByJose()
    {
        // Shows that jose's typ check is live in this bridge, so the acceptances above mean something.
        _joseVerdictForOtherType.GetProperty("ok").GetBoolean().Should().BeFalse();
        _joseVerdictForOtherType.GetProperty("code").GetString().Should().Be("ERR_JWT_CLAIM_VALIDATION_FAILED");
    }

    [Test]
    public async Task ValidateTokenAsync_JoseSignedSetWithAnotherPayload_InvalidKey()
    {
        var parts = _joseTokens["ES256"].Split('.');
        var forged = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(
            Payload.GetRawText().Replace("interop-1", "interop-2", StringComparison.Ordinal)));
        var jwks = new JsonWebKeySet($$"""{"keys":[{{_josePublicKeys["ES256"].GetRawText()}}]}""");

        var result = await Some.Handler().ValidateTokenAsync($"{parts[0]}.{forged}.{parts[2]}", SsfParameters(p => p.SigningKeySet = jwks));

        result.Error!.Code.Should().Be(SecurityEventErrorCodes.InvalidKey);
    }

    private static SecurityEventTokenDescriptor OurDescriptor(string alg) => new()
    {
        Profile = SecurityEventProfile.SharedSignals,
        Issuer = Some.Issuer,
        Audiences = [Some.Audience],
        IssuedAt = new NumericDate(1767225600),
        JwtId = "interop-1",
        SubjectId = new OpaqueSubjectIdentifier { Id = "f67e39a0a4d34d56b3aa1bc4cff0069f" },
        Events = [new SsfVerificationEvent { State = "VGhpcyBpcyBhIHN0YXRl+/=" }],
        SigningCredentials = new SigningCredentials(Some.KeyFor(alg), alg),
    };

    private static object VerifyInJose(string token, string alg, string typ)
    {
        var jwk = Jwk.From(Some.PublicOf(Some.KeyFor(alg)), alg, includePrivate: false);
        return new
        {
            op = "verify",
            token,
            jwks = alg.StartsWith("HS", StringComparison.Ordinal) ? null : new { keys = new[] { jwk } },
            jwk = alg.StartsWith("HS", StringComparison.Ordinal) ? jwk : null,
            typ,
        issuer = Some.Issuer,
            audience = Some.Audience,
            algorithms = new[] { alg },
        };
    }

    private static SecurityEventTokenValidationParameters SsfParameters(Action<SecurityEventTokenValidationParameters> configure)
    {
        var parameters = new SecurityEventTokenValidationParameters
        {
            Profile = SecurityEventProfile.SharedSignals,
            ValidIssuers = [Some.Issuer],
            ValidAudiences = [Some.Audience],
        };
        configure(parameters);
        return parameters;
    }
}
