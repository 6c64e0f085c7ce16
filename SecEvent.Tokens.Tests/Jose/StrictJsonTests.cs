using System.Text;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Jose;

/// <summary>
/// I-JSON parsing of the JOSE header and the claims set (RFC 7493, RFC 7519 §4, RFC 8417 §2.2). Every token here
/// carries a valid HS256 signature, so a refusal can only come from the JSON rule under test.
/// </summary>
public class StrictJsonTests
{
    private const string Attacker = "https://attacker.example";

    [TestCase("not json")]
    [TestCase("{\"iss\":")]
    [TestCase("{\"iss\":\"a\",}")]
    [TestCase("{'iss':'a'}")]
    [TestCase("{\"iss\":\"a\"} {}")]
    [TestCase("{\"iss\":\"a\"/*comment*/}")]
    [TestCase("")]
    public async Task ValidateTokenAsync_PayloadNotJson_InvalidRequest(string payload)
    {
        // An empty payload encodes to an empty part, which the form check refuses first; either way invalid_request.
        (await Some.ValidateAsync(Some.Hs256(payload))).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_HeaderNotJson_InvalidRequest()
    {
        (await Some.ValidateAsync(Some.Hs256(header: "alg=HS256"))).ShouldBeInvalidRequest();
    }

    [TestCase("[]")]
    [TestCase("[{\"iss\":\"https://transmitter.example.com\"}]")]
    [TestCase("\"a string\"")]
    [TestCase("42")]
    [TestCase("null")]
    [TestCase("true")]
    public async Task ValidateTokenAsync_PayloadNotAnObject_InvalidRequest(string payload)
    {
        var error = (await Some.ValidateAsync(Some.Hs256(payload))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("not a JSON object");
    }

    [TestCase("[\"HS256\"]")]
    [TestCase("\"HS256\"")]
    public async Task ValidateTokenAsync_HeaderNotAnObject_InvalidRequest(string header)
    {
        (await Some.ValidateAsync(Some.Hs256(header: header))).ShouldBeInvalidRequest();
    }

    [TestCase(new byte[] { 0xFF })]
    [TestCase(new byte[] { 0xC0, 0xAF })]
    [TestCase(new byte[] { 0xED, 0xA0, 0x80 })]
    [TestCase(new byte[] { 0xE2, 0x82 })]
    public async Task ValidateTokenAsync_InvalidUtf8InPayloadString_InvalidRequest(byte[] invalid)
    {
        // Lone 0xFF, an overlong '/', an encoded surrogate (CESU-8) and a truncated sequence inside a claim value.
        var payload = Concat(Encoding.UTF8.GetBytes(Some.Payload()[..^1] + ",\"note\":\"a"), invalid, "b\"}"u8.ToArray());

        var error = (await Some.ValidateAsync(RawToken.Sign(Encoding.UTF8.GetBytes(Some.Header()), payload, Some.HmacKey))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("UTF-8");
    }

    [Test]
    public async Task ValidateTokenAsync_InvalidUtf8InHeaderString_InvalidRequest()
    {
        var header = Concat("{\"alg\":\"HS256\",\"x\":\""u8.ToArray(), [0xFF, 0xFE], "\"}"u8.ToArray());

        (await Some.ValidateAsync(RawToken.Sign(header, Encoding.UTF8.GetBytes(Some.Payload()), Some.HmacKey))).ShouldBeInvalidRequest();
    }

    [TestCase("\\ud800")]
    [TestCase("\\udc00")]
    [TestCase("\\udc00\\ud800")]
    [TestCase("a\\ud83d")]
    public async Task ValidateTokenAsync_EscapedLoneSurrogateInPayload_InvalidRequest(string escaped)
    {
        var error = (await Some.ValidateAsync(Some.Hs256(Some.Payload($"\"note\":\"{escaped}\"")))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("surrogate");
    }

    [Test]
    public async Task ValidateTokenAsync_EscapedLoneSurrogateInClaimName_InvalidRequest()
    {
        (await Some.ValidateAsync(Some.Hs256(Some.Payload("\"\\ud800\":1")))).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_EscapedLoneSurrogateInHeader_InvalidRequest()
    {
        (await Some.ValidateAsync(Some.Hs256(header: Some.Header(extraMembers: "\"x\":\"\\ud800\"")))).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_EscapedSurrogatePairAndEscapes_Accepted()
    {
        // No false positive: a proper pair, \u escapes of ASCII and of a quote are fine.
        var token = Some.Hs256(Some.Payload("\"note\":\"\\ud83d\\ude00 \\u0041 \\\" \\\\u\""));

        var accepted = (await Some.ValidateAsync(token)).ShouldBeAccepted();

        accepted.TryGetClaim("note", out var note).Should().BeTrue();
        note.GetString().Should().Be("\U0001F600 A \" \\u");
    }

    [Test]
    public async Task ValidateTokenAsync_DuplicateIssuerClaim_InvalidRequestSET04()
    {
        // The classic last-wins attack: a parser that keeps the second 'iss' would accept the attacker's issuer.
        var token = Some.Hs256(Some.Payload($"\"iss\":\"{Attacker}\""));

        var error = (await Some.ValidateAsync(token, p => p.ValidIssuers = [Some.Issuer, Attacker])).ShouldBeInvalidRequest();

        error.Description.Should().Contain("repeats a member name");
    }

    [Test]
    public async Task ValidateTokenAsync_DuplicateIssuerClaimWrittenWithEscape_InvalidRequestSET04()
    {
        // "i\u0073s" is "iss": duplicate detection must compare the unescaped names.
        var token = Some.Hs256(Some.Payload($"\"i\\u0073s\":\"{Attacker}\""));

        var error = (await Some.ValidateAsync(token, p => p.ValidIssuers = [Some.Issuer, Attacker])).ShouldBeInvalidRequest();

        error.Description.Should().Contain("repeats a member name");
    }

    [TestCase("aud")]
    [TestCase("jti")]
    [TestCase("events")]
    public async Task ValidateTokenAsync_DuplicateEnvelopeClaim_InvalidRequestSET04(string claim)
    {
        var value = claim == "events" ? "{\"https://example.com/event-type/other\":{}}" : "\"other\"";

        (await Some.ValidateAsync(Some.Hs256(Some.Payload($"\"{claim}\":{value}")))).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_SameEventIdentifierTwice_InvalidRequestSET04()
    {
        var events = $"\"events\":{{\"{Some.EventType}\":{{}},\"{Some.EventType}\":{{\"x\":1}}}}";

        var error = (await Some.ValidateAsync(Some.Hs256(Some.Payload(events, "events")))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("repeats a member name");
    }

    [Test]
    public async Task ValidateTokenAsync_DuplicateMemberInsideEventPayload_InvalidRequestSET04()
    {
        var events = $"\"events\":{{\"{Some.EventType}\":{{\"state\":\"a\",\"state\":\"b\"}}}}";

        (await Some.ValidateAsync(Some.Hs256(Some.Payload(events, "events")))).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_DuplicateMemberDeepInsideClaim_InvalidRequest()
    {
        (await Some.ValidateAsync(Some.Hs256(Some.Payload("\"x\":[{\"a\":{\"b\":1,\"b\":1}}]")))).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_DuplicateAlgHeaderParameter_InvalidRequest()
    {
        // A header that says HS256 to one parser and none to another.
        (await Some.ValidateAsync(Some.Hs256(header: Some.Header(extraMembers: "\"alg\":\"none\"")))).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_NestingAtMaximumJsonDepth_Accepted()
    {
        // The claims set object is level 1; four arrays inside a claim make five levels.
        var token = Some.Hs256(Some.Payload($"\"x\":{Nest(4)}"));

        (await Some.ValidateAsync(token, p => p.MaximumJsonDepth = 5)).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_NestingDeeperThanMaximumJsonDepth_InvalidRequest()
    {
        var token = Some.Hs256(Some.Payload($"\"x\":{Nest(5)}"));

        var error = (await Some.ValidateAsync(token, p => p.MaximumJsonDepth = 5)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("deeper than 5");
    }

    [Test]
    public async Task ValidateTokenAsync_HeaderNestedDeeperThanMaximumJsonDepth_InvalidRequest()
    {
        var token = Some.Hs256(header: Some.Header(extraMembers: $"\"x\":{Nest(5)}"));

        (await Some.ValidateAsync(token, p => p.MaximumJsonDepth = 5)).ShouldBeInvalidRequest();
    }

    [Test]
    [MaxTime(30_000)] // a guard against runaway parsing, not a speed target
    public async Task ValidateTokenAsync_TenThousandDeepArrayPayload_InvalidRequestQuickly()
    {
        (await Some.ValidateAsync(Some.Hs256(Nest(10_000)))).ShouldBeInvalidRequest();
    }

    [Test]
    [MaxTime(30_000)] // a guard against runaway parsing, not a speed target
    public async Task ValidateTokenAsync_TenThousandDeepArrayInsideClaim_InvalidRequestQuickly()
    {
        var error = (await Some.ValidateAsync(Some.Hs256(Some.Payload($"\"x\":{Nest(10_000)}")))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("deeper than 32");
    }

    [Test]
    [MaxTime(30_000)] // a guard against runaway parsing, not a speed target
    public async Task ValidateTokenAsync_TenThousandDeepObjectsWithEscapes_InvalidRequestQuickly()
    {
        // Escapes send the text through the surrogate check as well, which must be bounded by the same depth.
        var deep = string.Concat(Enumerable.Repeat("{\"\\u0061\":", 10_000)) + "1" + new string('}', 10_000);

        (await Some.ValidateAsync(Some.Hs256(Some.Payload($"\"x\":{deep}")))).ShouldBeInvalidRequest();
    }

    [Test]
    [MaxTime(30_000)] // a guard against runaway parsing, not a speed target
    public async Task ValidateTokenAsync_TenThousandDeepHeader_InvalidRequestQuickly()
    {
        (await Some.ValidateAsync(Some.Hs256(header: Some.Header(extraMembers: $"\"x\":{Nest(10_000)}")))).ShouldBeInvalidRequest();
    }

    private static string Nest(int depth) => new string('[', depth) + new string(']', depth);

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
