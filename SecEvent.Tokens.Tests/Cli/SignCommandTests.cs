using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

public class SignCommandTests
{
    private CliKeyRing _keys = null!;

    [OneTimeSetUp]
    public async Task CreateKeys() => _keys = await CliKeyRing.CreateAsync();

    [OneTimeTearDown]
    public void DeleteKeys() => _keys.Dispose();

    [Test]
    public async Task Sign_WithoutIatAndJti_FillsThemIn()
    {
        var result = await SignAsync(CliPayloads.Rfc8417);

        result.ExitCode.Should().Be(0, result.Stdout + result.Stderr);
        var payload = DecodePayload(result.Line);
        payload.GetProperty("iat").GetInt64().Should().Be(Some.NowSeconds);
        payload.GetProperty("jti").GetString().Should().NotBeNullOrEmpty();
        payload.TryGetProperty("exp", out _).Should().BeFalse("SETs carry exp only when asked to (RFC 8417 §2.2)");
    }

    [Test]
    public async Task Sign_WithIatJtiAndToe_KeepsThem()
    {
        var payload = $$$"""{"iss":"{{{Some.Issuer}}}","iat":1700000000,"jti":"my-jti","toe":1699999999.5,"txn":"t-1","events":{"{{{Some.EventType}}}":{}} }""";

        var result = await SignAsync(payload);

        result.ExitCode.Should().Be(0, result.Stdout);
        var claims = DecodePayload(result.Line);
        claims.GetProperty("iat").GetInt64().Should().Be(1700000000);
        claims.GetProperty("jti").GetString().Should().Be("my-jti");
        claims.GetProperty("toe").GetDecimal().Should().Be(1699999999.5m);
        claims.GetProperty("txn").GetString().Should().Be("t-1");
    }

    [Test]
    public async Task Sign_Logout_FillsExpTwoMinutesAfterIat()
    {
        var result = await SignAsync(CliPayloads.Logout, "--profile", "logout");

        result.ExitCode.Should().Be(0, result.Stdout);
        DecodePayload(result.Line).GetProperty("exp").GetInt64().Should().Be(Some.NowSeconds + 120);
        DecodeHeader(result.Line).GetProperty("typ").GetString().Should().Be("logout+jwt");
    }

    [Test]
    public async Task Sign_Header_CarriesTheKeysAlgAndKid()
    {
        var result = await SignWithAsync("PS384", CliPayloads.Rfc8417);

        var header = DecodeHeader(result.Line);
        header.GetProperty("alg").GetString().Should().Be("PS384");
        header.GetProperty("typ").GetString().Should().Be("secevent+jwt");
        header.GetProperty("kid").GetString().Should().Be(JsonElement.Parse(File.ReadAllText(_keys.PrivateKey("PS384"))).GetProperty("kid").GetString());
    }

    [Test]
    public async Task Sign_OtherMembersAndAudienceArray_AreWrittenUnchanged()
    {
        var payload = $$$"""{"iss":"{{{Some.Issuer}}}","aud":["a","b"],"custom":{"list":[1,2.5,"x",null],"flag":true},"events":{"{{{Some.EventType}}}":{"n":1}} }""";

        var result = await SignAsync(payload);

        var claims = DecodePayload(result.Line);
        claims.GetProperty("aud").EnumerateArray().Select(a => a.GetString()).Should().Equal("a", "b");
        JsonElement.DeepEquals(claims.GetProperty("custom"), JsonElement.Parse("""{"list":[1,2.5,"x",null],"flag":true}""")).Should().BeTrue();
        JsonElement.DeepEquals(claims.GetProperty("events"), JsonElement.Parse($$$"""{"{{{Some.EventType}}}":{"n":1}}""")).Should().BeTrue();
    }

    [Test]
    public async Task Sign_PayloadMissingIss_IsRefusedWithInvalidRequest()
    {
        var result = await SignAsync($$$"""{"aud":"x","events":{"{{{Some.EventType}}}":{}} }""");

        result.ExitCode.Should().Be(1);
        result.MemberNames.Should().Equal("err", "description");
        result.Json.GetProperty("err").GetString().Should().Be("invalid_request");
        result.Json.GetProperty("description").GetString().Should().Contain("'iss'");
        result.Stderr.Should().BeEmpty();
    }

    [TestCase("ssf", """{"iss":"i","sub":"alice","sub_id":{"format":"opaque","id":"s"},"events":{"https://example.com/e":{}}}""")]
    [TestCase("ssf", """{"iss":"i","events":{"https://example.com/e":{}}}""")]
    [TestCase("logout", """{"iss":"i","aud":"a","events":{"http://schemas.openid.net/event/backchannel-logout":{}}}""")]
    [TestCase("logout", """{"iss":"i","aud":"a","sid":"s","nonce":"n","events":{"http://schemas.openid.net/event/backchannel-logout":{}}}""")]
    [TestCase("rfc8417", """{"iss":"i","events":{}}""")]
    [TestCase("rfc8417", """{"iss":"i","events":{"https://schemas.openid.net/secevent/ssf/event-type/verification":{"state":5}}}""")]
    public async Task Sign_PayloadBreakingTheProfile_IsRefusedWithInvalidRequest(string profile, string payload)
    {
        var result = await SignAsync(payload, "--profile", profile);

        result.ExitCode.Should().Be(1);
        result.MemberNames.Should().Equal("err", "description");
        result.Json.GetProperty("err").GetString().Should().Be("invalid_request");
    }

    [TestCase("""{"iss":""", TestName = "Sign_TruncatedJson_IsRefusedWithInvalidRequest")]
    [TestCase("not json", TestName = "Sign_NotJson_IsRefusedWithInvalidRequest")]
    [TestCase("", TestName = "Sign_EmptyInput_IsRefusedWithInvalidRequest")]
    [TestCase("""["iss"]""", TestName = "Sign_JsonArray_IsRefusedWithInvalidRequest")]
    [TestCase("""{"iss":"a","iss":"b","events":{"https://example.com/e":{}}}""", TestName = "Sign_DuplicateClaim_IsRefusedWithInvalidRequest")]
    [TestCase("""{"iss":"a","events":{"https://example.com/e":{"x":1,"x":2}}}""", TestName = "Sign_DuplicateNestedMember_IsRefusedWithInvalidRequest")]
    [TestCase("""{"iss":5,"events":{"https://example.com/e":{}}}""", TestName = "Sign_IssNotAString_IsRefusedWithInvalidRequest")]
    [TestCase("""{"iss":"a","iat":"yesterday","events":{"https://example.com/e":{}}}""", TestName = "Sign_IatNotANumber_IsRefusedWithInvalidRequest")]
    [TestCase("""{"iss":"a","exp":1e300,"events":{"https://example.com/e":{}}}""", TestName = "Sign_ExpOutOfRange_IsRefusedWithInvalidRequest")]
    [TestCase("""{"iss":"a","aud":[],"events":{"https://example.com/e":{}}}""", TestName = "Sign_EmptyAudienceArray_IsRefusedWithInvalidRequest")]
    [TestCase("""{"iss":"a","aud":["x",1],"events":{"https://example.com/e":{}}}""", TestName = "Sign_AudienceArrayWithNumber_IsRefusedWithInvalidRequest")]
    [TestCase("""{"iss":"a","sub_id":{"format":"email"},"events":{"https://example.com/e":{}}}""", TestName = "Sign_BadSubId_IsRefusedWithInvalidRequest")]
    [TestCase("""{"iss":"a","events":["https://example.com/e"]}""", TestName = "Sign_EventsNotAnObject_IsRefusedWithInvalidRequest")]
    [TestCase("""{"iss":"a","events":{"https://example.com/e":true}}""", TestName = "Sign_EventPayloadNotAnObject_IsRefusedWithInvalidRequest")]
    [TestCase("""{"iss":"a","sid":5,"events":{"https://example.com/e":{}}}""", TestName = "Sign_SidNotAString_IsRefusedWithInvalidRequest")]
    public async Task Sign_MalformedPayload_IsRefusedWithInvalidRequest(string payload)
    {
        var result = await SignAsync(payload);

        result.ExitCode.Should().Be(1);
        result.MemberNames.Should().Equal("err", "description");
        result.Json.GetProperty("err").GetString().Should().Be("invalid_request");
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public async Task Sign_FromFile_ReadsTheFile()
    {
        var path = _keys.File("payload.json");
        await File.WriteAllTextAsync(path, CliPayloads.SharedSignals);

        var result = await CliRun.RunAsync("sign", "--key", _keys.PrivateKey("ES256"), "--profile", "ssf", "--in", path);

        result.ExitCode.Should().Be(0, result.Stdout);
        DecodePayload(result.Line).GetProperty("sub_id").GetProperty("id").GetString().Should().Be(CliPayloads.StreamId);
    }

    [Test]
    public async Task Sign_InDash_ReadsStdin()
    {
        var result = await CliRun.WithStdinAsync(CliPayloads.Rfc8417, "sign", "--key", _keys.PrivateKey("ES256"), "--in", "-");

        result.ExitCode.Should().Be(0, result.Stdout);
        result.Line.Split('.').Should().HaveCount(3);
    }

    [Test]
    public async Task Sign_UnreadableKeyFile_IsAUsageError()
    {
        var result = await CliRun.WithStdinAsync(CliPayloads.Rfc8417, "sign", "--key", _keys.File("no-such.jwk"));

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("no-such.jwk");
    }

    [Test]
    public async Task Sign_UnreadableInputFile_IsAUsageError()
    {
        var result = await CliRun.RunAsync("sign", "--key", _keys.PrivateKey("ES256"), "--in", _keys.File("no-such.json"));

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
    }

    [TestCase("""{"kty":"EC","crv":"P-256","x":"AA","y":"AA","kid":"k","alg":"ES256"}""", "no private key", TestName = "Sign_PublicKeyOnly_IsAUsageError")]
    [TestCase("""{"kty":"oct","k":"AAAA","kid":"k"}""", "'alg'", TestName = "Sign_KeyWithoutAlg_IsAUsageError")]
    [TestCase("""{"kty":"oct","k":"AAAA","alg":"none"}""", "'alg'", TestName = "Sign_KeyWithUnsupportedAlg_IsAUsageError")]
    [TestCase("""{"kty":"oct","k":"AAAA","k":"BBBB","alg":"HS256"}""", "Duplicate", TestName = "Sign_KeyWithDuplicateMember_IsAUsageError")]
    [TestCase("""not a key""", "not valid JSON", TestName = "Sign_KeyNotJson_IsAUsageError")]
    public async Task Sign_UnusableKey_IsAUsageError(string jwk, string reason)
    {
        var path = _keys.File($"bad-{Guid.NewGuid():N}.jwk");
        await File.WriteAllTextAsync(path, jwk);

        var result = await CliRun.WithStdinAsync(CliPayloads.Rfc8417, "sign", "--key", path);

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain(reason);
    }

    [Test]
    public async Task Sign_KeyTooShortForItsAlg_IsRefusedWithInvalidKey()
    {
        // A well-formed key the library will not sign with: an error object, as for any refusal of the library's.
        var path = _keys.File("short.jwk");
        await File.WriteAllTextAsync(path, """{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA","alg":"HS256"}""");

        var result = await CliRun.WithStdinAsync(CliPayloads.Rfc8417, "sign", "--key", path);

        result.ExitCode.Should().Be(1);
        result.Json.GetProperty("err").GetString().Should().Be("invalid_key");
    }

    [Test]
    public async Task Sign_Output_NeverReachesStderr()
    {
        var result = await SignAsync(CliPayloads.Rfc8417);

        result.Stderr.Should().BeEmpty();
        result.Stdout.Should().EndWith("\n").And.Subject.TrimEnd().Should().NotContain("\n");
    }

    private Task<CliResult> SignAsync(string payload, params string[] extra) => SignWithAsync("ES256", payload, extra);

    private Task<CliResult> SignWithAsync(string algorithm, string payload, params string[] extra) =>
        CliRun.WithStdinAsync(payload, ["sign", "--key", _keys.PrivateKey(algorithm), .. extra]);

    private static JsonElement DecodeHeader(string token) => JsonElement.Parse(RawToken.Decode(token.Split('.')[0]));

    private static JsonElement DecodePayload(string token) => JsonElement.Parse(RawToken.Decode(token.Split('.')[1]));
}
