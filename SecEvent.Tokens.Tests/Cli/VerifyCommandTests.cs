using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

public class VerifyCommandTests
{
    private static readonly string[] Profiles = ["rfc8417", "ssf", "logout"];

    private CliKeyRing _keys = null!;

    [OneTimeSetUp]
    public async Task CreateKeys() => _keys = await CliKeyRing.CreateAsync();

    [OneTimeTearDown]
    public void DeleteKeys() => _keys.Dispose();

    private static IEnumerable<TestCaseData> EveryAlgorithmAndProfile() =>
        from algorithm in CliKeyRing.Algorithms
        from profile in Profiles
        select new TestCaseData(algorithm, profile);

    [TestCaseSource(nameof(EveryAlgorithmAndProfile))]
    public async Task SignThenVerify_EveryAlgorithmAndProfile_IsAccepted(string algorithm, string profile)
    {
        var token = await SignAsync(CliPayloads.For(profile), algorithm, profile);

        var result = await CliRun.WithStdinAsync(token,
            "verify", "--jwks", _keys.PublicKeys(algorithm), "--iss", Some.Issuer, "--aud", Some.Audience, "--profile", profile, "--alg", algorithm);

        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);
        result.Stderr.Should().BeEmpty();
        result.Json.GetProperty("header").GetProperty("alg").GetString().Should().Be(algorithm);
        result.Json.GetProperty("payload").GetProperty("iss").GetString().Should().Be(Some.Issuer);
    }

    [Test]
    public async Task Verify_Accepted_PrintsExactlyHeaderPayloadAndEvents()
    {
        var token = await SignAsync(CliPayloads.SharedSignals, "ES256", "ssf");

        var result = await VerifyAsync(token, "--profile", "ssf", "--iss", Some.Issuer, "--aud", Some.Audience);

        result.ExitCode.Should().Be(0, result.Stdout);
        result.MemberNames.Should().Equal("header", "payload", "events");
        var header = result.Json.GetProperty("header");
        header.EnumerateObject().Select(m => m.Name).Should().Equal("alg", "kid", "typ");
        JsonElement.DeepEquals(result.Json.GetProperty("payload"), JsonElement.Parse(RawToken.Decode(token.Split('.')[1]))).Should().BeTrue();
        var events = result.Json.GetProperty("events");
        events.GetArrayLength().Should().Be(1);
        events[0].EnumerateObject().Select(m => m.Name).Should().Equal("type", "model");
        events[0].GetProperty("type").GetString().Should().Be(SecurityEventTypes.SsfVerification);
        events[0].GetProperty("model").GetString().Should().Be("SsfVerificationEvent");
        result.Stdout.Should().EndWith("\n").And.Subject.TrimEnd().Should().NotContain("\n", "one object per line");
    }

    [Test]
    public async Task Verify_UnknownEventType_ModelIsNull()
    {
        var token = await SignAsync(CliPayloads.Rfc8417, "ES256", "rfc8417");

        var result = await VerifyAsync(token);

        result.ExitCode.Should().Be(0, result.Stdout);
        var e = result.Json.GetProperty("events")[0];
        e.GetProperty("type").GetString().Should().Be(Some.EventType);
        e.GetProperty("model").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Test]
    public async Task Verify_SeveralEvents_ListsThemInTokenOrder()
    {
        var payload = $$$"""{"iss":"i","sub_id":{"format":"opaque","id":"s"},"events":{"{{{Some.EventType}}}":{},"{{{SecurityEventTypes.SsfStreamUpdated}}}":{"status":"paused"}} }""";
        var token = await SignAsync(payload, "ES256", "ssf");

        var result = await VerifyAsync(token, "--profile", "ssf");

        result.Json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("model").ValueKind == JsonValueKind.Null ? null : e.GetProperty("model").GetString())
            .Should().Equal(null, "SsfStreamUpdatedEvent");
    }

    [Test]
    public async Task Verify_Output_DoesNotEscapePlusOrNonAscii()
    {
        var payload = $$$"""{"iss":"i","name":"Zoë <&>","events":{"{{{Some.EventType}}}":{}} }""";
        var token = await SignAsync(payload, "ES256", "rfc8417");

        var result = await VerifyAsync(token);

        result.Stdout.Should().Contain("\"typ\":\"secevent+jwt\"").And.Contain("Zoë <&>").And.NotContain("\\u");
    }

    [TestCase("--iss", "https://other.example.com", "invalid_issuer")]
    [TestCase("--aud", "https://other.example.com", "invalid_audience")]
    [TestCase("--alg", "ES384", "invalid_key")]
    [TestCase("--alg", "HS256,RS256", "invalid_key")]
    [TestCase("--profile", "logout", "invalid_request")]
    public async Task Verify_WrongExpectation_IsRefusedWithTheRightCode(string option, string value, string code)
    {
        var token = await SignAsync(CliPayloads.Rfc8417, "ES256", "rfc8417");

        var result = await VerifyAsync(token, option, value);

        result.ExitCode.Should().Be(1);
        result.MemberNames.Should().Equal("err", "description");
        result.Json.GetProperty("err").GetString().Should().Be(code);
        result.Json.GetProperty("description").GetString().Should().NotBeNullOrEmpty().And.NotContain(token);
        result.Stderr.Should().BeEmpty();
    }

    [TestCase(true, TestName = "Verify_OtherKeyWithTheSameKid_IsRefusedWithInvalidKey")]
    [TestCase(false, TestName = "Verify_OtherKeyWithAnotherKid_IsRefusedWithInvalidKey")]
    public async Task Verify_WrongKey_IsRefusedWithInvalidKey(bool sameKid)
    {
        var token = await SignAsync(CliPayloads.Rfc8417, "ES256", "rfc8417");
        var kid = JsonElement.Parse(RawToken.Decode(token.Split('.')[0])).GetProperty("kid").GetString()!;
        var otherJwks = _keys.File($"other-{sameKid}.jwks");
        string[] keygen = ["keygen", "--alg", "ES256", "--out", _keys.File($"other-{sameKid}.jwk"), "--jwks", otherJwks];
        (await CliRun.RunAsync(sameKid ? [.. keygen, "--kid", kid] : keygen)).ExitCode.Should().Be(0);

        var result = await CliRun.WithStdinAsync(token, "verify", "--jwks", otherJwks);

        result.ExitCode.Should().Be(1);
        result.MemberNames.Should().Equal("err", "description");
        result.Json.GetProperty("err").GetString().Should().Be("invalid_key");
    }

    [Test]
    public async Task Verify_TamperedPayload_IsRefusedWithInvalidKey()
    {
        var parts = (await SignAsync(CliPayloads.Rfc8417, "HS256", "rfc8417")).Split('.');
        var forged = $"{parts[0]}.{RawToken.Encode(CliPayloads.Rfc8417.Replace(Some.Issuer, "https://evil.example.com", StringComparison.Ordinal))}.{parts[2]}";

        var result = await CliRun.WithStdinAsync(forged, "verify", "--jwks", _keys.PublicKeys("HS256"));

        result.ExitCode.Should().Be(1);
        result.Json.GetProperty("err").GetString().Should().Be("invalid_key");
    }

    [TestCase("", TestName = "Verify_EmptyInput_IsRefusedWithInvalidRequest")]
    [TestCase("garbage", TestName = "Verify_Garbage_IsRefusedWithInvalidRequest")]
    [TestCase("a.b.c.d.e", TestName = "Verify_Jwe_IsRefusedWithInvalidRequest")]
    public async Task Verify_NotAToken_IsRefusedWithInvalidRequest(string input)
    {
        var result = await CliRun.WithStdinAsync(input, "verify", "--jwks", _keys.PublicKeys("ES256"));

        result.ExitCode.Should().Be(1);
        result.MemberNames.Should().Equal("err", "description");
        result.Json.GetProperty("err").GetString().Should().Be("invalid_request");
    }

    [Test]
    public async Task Verify_RepeatedIssAndAud_AcceptsAnyOfThem()
    {
        var token = await SignAsync(CliPayloads.Rfc8417, "ES256", "rfc8417");

        var result = await VerifyAsync(token, "--iss", "https://a.example.com", "--iss", Some.Issuer, "--aud", Some.Audience, "--aud", "https://b.example.com");

        result.ExitCode.Should().Be(0, result.Stdout);
    }

    [TestCase("ES384,ES256")]
    [TestCase("HS256, ES256")]
    public async Task Verify_AlgorithmList_AcceptsTheTokensAlgorithm(string algorithms)
    {
        var token = await SignAsync(CliPayloads.Rfc8417, "ES256", "rfc8417");

        var result = await VerifyAsync(token, "--alg", algorithms);

        result.ExitCode.Should().Be(0, result.Stdout);
    }

    [Test]
    public async Task Verify_RepeatedAlgOption_AcceptsTheTokensAlgorithm()
    {
        var token = await SignAsync(CliPayloads.Rfc8417, "ES256", "rfc8417");

        var result = await VerifyAsync(token, "--alg", "RS256", "--alg", "ES256");

        result.ExitCode.Should().Be(0, result.Stdout);
    }

    [Test]
    public async Task Verify_WhitespaceAroundToken_IsIgnored()
    {
        var token = await SignAsync(CliPayloads.Rfc8417, "ES256", "rfc8417");

        var result = await VerifyAsync($"\n\t  {token}  \r\n\n");

        result.ExitCode.Should().Be(0, result.Stdout);
    }

    [Test]
    public async Task Verify_InFileAndInDash_ReadTheToken()
    {
        var token = await SignAsync(CliPayloads.Rfc8417, "ES256", "rfc8417");
        var path = _keys.File("token.jwt");
        await File.WriteAllTextAsync(path, token + "\n");

        var fromFile = await CliRun.RunAsync("verify", "--jwks", _keys.PublicKeys("ES256"), "--in", path);
        var fromDash = await CliRun.WithStdinAsync(token, "verify", "--jwks", _keys.PublicKeys("ES256"), "--in", "-");

        fromFile.ExitCode.Should().Be(0, fromFile.Stdout);
        fromDash.ExitCode.Should().Be(0, fromDash.Stdout);
        fromFile.Stdout.Should().Be(fromDash.Stdout);
    }

    [Test]
    public async Task Verify_UnreadableJwks_IsAUsageError()
    {
        var result = await CliRun.WithStdinAsync("a.b.c", "verify", "--jwks", _keys.File("no-such.jwks"));

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("no-such.jwks");
    }

    [Test]
    public async Task Verify_PrivateJwkInsteadOfJwks_IsAUsageError()
    {
        var result = await CliRun.WithStdinAsync("a.b.c", "verify", "--jwks", _keys.PrivateKey("ES256"));

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("keys").And.NotContain("\"d\"");
    }

    [TestCase("--alg", "FOO")]
    [TestCase("--alg", "ES256,none")]
    [TestCase("--alg", ",")]
    [TestCase("--profile", "bogus")]
    public async Task Verify_BadOptionValue_IsAUsageError(string option, string value)
    {
        var result = await CliRun.WithStdinAsync("a.b.c", "verify", "--jwks", _keys.PublicKeys("ES256"), option, value);

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().NotBeEmpty();
    }

    [TestCase("caep-fig4-session-revoked-complex", "ssf", "CaepSessionRevoked")]
    [TestCase("caep-sec3.8.2-risk-level-change", "ssf", "CaepRiskLevelChange")]
    [TestCase("risc-fig2-account-disabled", "ssf", "RiscAccountDisabled")]
    [TestCase("oauth-events-fig4-token-revoked", "rfc8417", "OAuthTokenRevoked")]
    public async Task Verify_CatalogEvent_ListsItsTypedModel(string vector, string profile, string model)
    {
        var token = await SignAsync(Support.Vectors.Named(vector).Data.GetRawText(), "ES256", profile);

        var result = await VerifyAsync(token, "--profile", profile);

        result.ExitCode.Should().Be(0, result.Stdout);
        result.Json.GetProperty("events")[0].GetProperty("model").GetString().Should().Be(model);
    }

    private async Task<string> SignAsync(string payload, string algorithm, string profile)
    {
        var result = await CliRun.WithStdinAsync(payload, "sign", "--key", _keys.PrivateKey(algorithm), "--profile", profile);
        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);
        return result.Line;
    }

    private Task<CliResult> VerifyAsync(string token, params string[] extra) =>
        CliRun.WithStdinAsync(token, ["verify", "--jwks", _keys.PublicKeys("ES256"), .. extra]);
}
