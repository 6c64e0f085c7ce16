using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

public class DecodeCommandTests
{
    [Test]
    public async Task Decode_Jws_PrintsHeaderAndPayload()
    {
        var token = Some.Hs256();

        var result = await CliRun.WithStdinAsync(token, "decode");

        result.ExitCode.Should().Be(0, result.Stdout);
        result.MemberNames.Should().Equal("header", "payload");
        JsonElement.DeepEquals(result.Json.GetProperty("header"), JsonElement.Parse(Some.Header())).Should().BeTrue();
        JsonElement.DeepEquals(result.Json.GetProperty("payload"), JsonElement.Parse(Some.Payload())).Should().BeTrue();
        result.Stdout.Should().Contain("secevent+jwt");
    }

    [Test]
    public async Task Decode_BadSignature_IsStillDecoded()
    {
        // decode never verifies: that is what verify is for.
        var parts = Some.Hs256().Split('.');

        var result = await CliRun.WithStdinAsync($"{parts[0]}.{parts[1]}.AAAA", "decode");

        result.ExitCode.Should().Be(0);
    }

    [Test]
    public async Task Decode_UnsecuredJws_PrintsHeaderAndPayload()
    {
        var token = $"{RawToken.Encode("""{"alg":"none"}""")}.{RawToken.Encode(Some.Payload())}.";

        var result = await CliRun.WithStdinAsync(token, "decode");

        result.ExitCode.Should().Be(0, result.Stdout);
        result.Json.GetProperty("header").GetProperty("alg").GetString().Should().Be("none");
    }

    [Test]
    public async Task Decode_EncryptedSet_ShowsTheJweHeaderAndSaysThePayloadIsEncrypted()
    {
        using var folder = new TempFolder();
        (await CliRun.RunAsync("keygen", "--alg", "ES256", "--out", folder.File("sig.jwk"))).ExitCode.Should().Be(0);
        (await CliRun.RunAsync("keygen", "--alg", "ECDH-ES+A256KW", "--kid", "rp-enc-1", "--out", folder.File("enc.jwk"), "--jwks", folder.File("enc.jwks"))).ExitCode.Should().Be(0);
        var token = (await CliRun.WithStdinAsync(CliPayloads.SharedSignals,
            "sign", "--key", folder.File("sig.jwk"), "--profile", "ssf", "--encrypt-to", folder.File("enc.jwks"), "--enc", "A128CBC-HS256")).Line;

        var result = await CliRun.WithStdinAsync(token, "decode");

        result.ExitCode.Should().Be(0, result.Stdout);
        result.MemberNames.Should().Equal("jwe_header", "payload", "encrypted");
        var header = result.Json.GetProperty("jwe_header");
        header.GetProperty("alg").GetString().Should().Be("ECDH-ES+A256KW");
        header.GetProperty("enc").GetString().Should().Be("A128CBC-HS256");
        header.GetProperty("kid").GetString().Should().Be("rp-enc-1");
        header.GetProperty("cty").GetString().Should().Be("JWT");
        header.GetProperty("epk").GetProperty("crv").GetString().Should().Be("P-256");
        result.Json.GetProperty("payload").ValueKind.Should().Be(JsonValueKind.Null);
        result.Json.GetProperty("encrypted").GetBoolean().Should().BeTrue();
        result.Stdout.Should().NotContain(CliPayloads.StreamId, "the claims are encrypted").And.NotContain("secevent+jwt", "so is the JWS header");
    }

    [Test]
    public async Task Decode_Jwe_PrintsProtectedHeaderAndNullPayload()
    {
        // RFC 7516 §7.1: header . encrypted key . IV . ciphertext . tag; only the header is readable.
        const string Header = """{"alg":"RSA-OAEP","enc":"A256GCM","typ":"secevent+jwt","kid":"rp-1"}""";
        var jwe = string.Join('.', RawToken.Encode(Header), RawToken.Encode(RandomNumberGenerator.GetBytes(256)),
            RawToken.Encode(RandomNumberGenerator.GetBytes(12)), RawToken.Encode(RandomNumberGenerator.GetBytes(80)), RawToken.Encode(RandomNumberGenerator.GetBytes(16)));

        var result = await CliRun.WithStdinAsync(jwe, "decode");

        result.ExitCode.Should().Be(0, result.Stdout);
        result.MemberNames.Should().Equal("jwe_header", "payload", "encrypted");
        JsonElement.DeepEquals(result.Json.GetProperty("jwe_header"), JsonElement.Parse(Header)).Should().BeTrue();
        result.Json.GetProperty("payload").ValueKind.Should().Be(JsonValueKind.Null);
        result.Json.GetProperty("encrypted").GetBoolean().Should().BeTrue();
        result.Stdout.Should().Contain("\"typ\":\"secevent+jwt\"");
    }

    [Test]
    public async Task Decode_DirectJweWithEmptyKey_IsDecoded()
    {
        var jwe = $"{RawToken.Encode("""{"alg":"dir","enc":"A128GCM"}""")}..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";

        var result = await CliRun.WithStdinAsync(jwe, "decode");

        result.ExitCode.Should().Be(0, result.Stdout);
    }

    private static IEnumerable<TestCaseData> NotCompactTokens()
    {
        var header = RawToken.Encode(Some.Header());
        var payload = RawToken.Encode(Some.Payload());
        yield return new TestCaseData("").SetName("Decode_EmptyInput_IsRefused");
        yield return new TestCaseData("garbage").SetName("Decode_Garbage_IsRefused");
        yield return new TestCaseData("a.b").SetName("Decode_TwoParts_IsRefused");
        yield return new TestCaseData("a.b.c.d").SetName("Decode_FourParts_IsRefused");
        yield return new TestCaseData($"{header}.{payload}.sig.x.y.z").SetName("Decode_SixParts_IsRefused");
        yield return new TestCaseData($"{header}.{payload}+/.sig").SetName("Decode_Base64NotBase64Url_IsRefused");
        yield return new TestCaseData($"{header}=.{payload}.sig").SetName("Decode_Padding_IsRefused");
        yield return new TestCaseData($"{header}.{payload[..^3]} {payload[^3..]}.sig").SetName("Decode_InnerWhitespace_IsRefused");
        yield return new TestCaseData($"{header}.{payload}A.sig").SetName("Decode_ImpossibleBase64UrlLength_IsRefused");
        yield return new TestCaseData($"{RawToken.Encode("[1]")}.{payload}.sig").SetName("Decode_HeaderNotAnObject_IsRefused");
        yield return new TestCaseData($"{header}.{RawToken.Encode("hello")}.sig").SetName("Decode_PayloadNotJson_IsRefused");
        yield return new TestCaseData($"{header}.{RawToken.Encode("\"text\"")}.sig").SetName("Decode_PayloadNotAnObject_IsRefused");
        yield return new TestCaseData($"{RawToken.Encode("""{"alg":"HS256","alg":"none"}""")}.{payload}.sig").SetName("Decode_DuplicateHeaderMember_IsRefused");
        yield return new TestCaseData($"{header}.{RawToken.Encode("""{"iss":"a","iss":"b"}""")}.sig").SetName("Decode_DuplicatePayloadMember_IsRefused");
        yield return new TestCaseData($"{header}.{RawToken.Encode([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D])}.sig").SetName("Decode_InvalidUtf8_IsRefused");
        yield return new TestCaseData($"{RawToken.Encode("[]")}.a.b.c.d").SetName("Decode_JweHeaderNotAnObject_IsRefused");
    }

    [TestCaseSource(nameof(NotCompactTokens))]
    public async Task Decode_NotACompactJwsOrJwe_IsRefusedWithInvalidRequest(string input)
    {
        var result = await CliRun.WithStdinAsync(input, "decode");

        result.ExitCode.Should().Be(1);
        result.MemberNames.Should().Equal("err", "description");
        result.Json.GetProperty("err").GetString().Should().Be("invalid_request");
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public async Task Decode_WhitespaceAroundTokenAndInFile_IsIgnored()
    {
        using var folder = new TempFolder();
        var path = folder.Write("token.jwt", $"  {Some.Hs256()}\r\n");

        var result = await CliRun.RunAsync("decode", "--in", path);

        result.ExitCode.Should().Be(0, result.Stdout);
    }

    [Test]
    public async Task Decode_UnreadableInput_IsAUsageError()
    {
        using var folder = new TempFolder();

        var result = await CliRun.RunAsync("decode", "--in", folder.File("missing.jwt"));

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
    }
}
