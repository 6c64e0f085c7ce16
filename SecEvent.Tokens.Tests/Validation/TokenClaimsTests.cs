using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Validation;

/// <summary>
/// Reading and type-checking the envelope claims (RFC 7519 §4.1, RFC 8417 §2.2). Tokens are signed correctly;
/// issuer and audience checks stay on unless the rule under test needs them off.
/// </summary>
public class TokenClaimsTests
{
    [TestCase("iat")]
    [TestCase("jti")]
    [TestCase("events")]
    public async Task ValidateTokenAsync_RequiredClaimMissing_InvalidRequestSET07(string claim)
    {
        var error = (await Some.ValidateAsync(Some.Hs256(Some.Payload(without: claim)))).ShouldBeInvalidRequest();

        error.Description.Should().Contain($"'{claim}'");
    }

    [Test]
    public async Task ValidateTokenAsync_IssuerMissingAndIssuerNotChecked_InvalidRequestSET07()
    {
        var token = Some.Hs256(Some.Payload(without: "iss"));

        var error = (await Some.ValidateAsync(token, p => p.ValidateIssuer = false)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'iss'");
    }

    [Test]
    public async Task ValidateTokenAsync_EventsEmptyObject_InvalidRequestSET03()
    {
        var error = (await Some.ValidateAsync(Some.Hs256(Some.Payload("\"events\":{}", "events")))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("at least one event");
    }

    [TestCase("[]")]
    [TestCase("[{\"https://example.com/event-type/test\":{}}]")]
    [TestCase("\"https://example.com/event-type/test\"")]
    [TestCase("null")]
    [TestCase("1")]
    public async Task ValidateTokenAsync_EventsNotAnObject_InvalidRequest(string events)
    {
        (await Some.ValidateAsync(Some.Hs256(Some.Payload($"\"events\":{events}", "events")))).ShouldBeInvalidRequest();
    }

    [TestCase("not a uri")]
    [TestCase("event-type")]
    [TestCase(":no-scheme")]
    [TestCase("https:")]
    [TestCase("1https://example.com/e")]
    [TestCase("https://example.com/has space")]
    [TestCase("")]
    public async Task ValidateTokenAsync_EventIdentifierNotAUri_InvalidRequestSET01(string eventType)
    {
        var events = $"\"events\":{{\"{eventType}\":{{}}}}";

        var error = (await Some.ValidateAsync(Some.Hs256(Some.Payload(events, "events")))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("not a URI");
    }

    [TestCase("urn:ietf:params:scim:event:create")]
    [TestCase("http://schemas.openid.net/event/backchannel-logout")]
    [TestCase("tag:example.com,2026:event")]
    public async Task ValidateTokenAsync_EventIdentifierAnyAbsoluteUri_Accepted(string eventType)
    {
        var events = $"\"events\":{{\"{eventType}\":{{}}}}";

        (await Some.ValidateAsync(Some.Hs256(Some.Payload(events, "events")))).ShouldBeAccepted();
    }

    [TestCase("\"text\"")]
    [TestCase("[]")]
    [TestCase("null")]
    [TestCase("true")]
    [TestCase("0")]
    public async Task ValidateTokenAsync_EventPayloadNotAnObject_InvalidRequestSET02(string payload)
    {
        var events = $"\"events\":{{\"{Some.EventType}\":{payload}}}";

        var error = (await Some.ValidateAsync(Some.Hs256(Some.Payload(events, "events")))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("not a JSON object");
    }

    [Test]
    public async Task ValidateTokenAsync_SecondEventPayloadNotAnObject_InvalidRequestSET02()
    {
        var events = $"\"events\":{{\"{Some.EventType}\":{{}},\"https://example.com/event-type/second\":[]}}";

        (await Some.ValidateAsync(Some.Hs256(Some.Payload(events, "events")))).ShouldBeInvalidRequest();
    }

    [TestCase("\"1767225600\"")]
    [TestCase("null")]
    [TestCase("true")]
    [TestCase("[1767225600]")]
    [TestCase("1e400")]
    [TestCase("-1e300")]
    public async Task ValidateTokenAsync_IssuedAtNotANumericDate_InvalidRequest(string iat)
    {
        var error = (await Some.ValidateAsync(Some.Hs256(Some.Payload($"\"iat\":{iat}", "iat")))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("NumericDate");
    }

    [TestCase("exp")]
    [TestCase("nbf")]
    [TestCase("toe")]
    public async Task ValidateTokenAsync_DateClaimAsString_InvalidRequest(string claim)
    {
        (await Some.ValidateAsync(Some.Hs256(Some.Payload($"\"{claim}\":\"1767225600\"")))).ShouldBeInvalidRequest();
    }

    [TestCase("exp", "1e15")]
    [TestCase("exp", "253402300800")]
    [TestCase("nbf", "-62135596801")]
    public async Task ValidateTokenAsync_DateBeyondDateTimeOffsetRange_InvalidRequest(string claim, string value)
    {
        // Out of range is refused while reading, never an overflow later in the time checks.
        (await Some.ValidateAsync(Some.Hs256(Some.Payload($"\"{claim}\":{value}")))).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_FractionalIssuedAt_AcceptedAndKeptExactly()
    {
        var token = Some.Hs256(Some.Payload("\"iat\":1458496404.123", "iat"));

        var accepted = (await Some.ValidateAsync(token)).ShouldBeAccepted();

        accepted.IssuedAt.Seconds.Should().Be(1458496404.123m);
    }

    [Test]
    public async Task ValidateTokenAsync_FractionalTimeOfEvent_KeptExactly()
    {
        var token = Some.Hs256(Some.Payload("\"toe\":1458492000.000001"));

        (await Some.ValidateAsync(token)).ShouldBeAccepted().TimeOfEvent!.Value.Seconds.Should().Be(1458492000.000001m);
    }

    [TestCase("42")]
    [TestCase("[\"https://receiver.example.com\",42]")]
    [TestCase("[\"https://receiver.example.com\",null]")]
    [TestCase("[[\"https://receiver.example.com\"]]")]
    [TestCase("{\"aud\":\"https://receiver.example.com\"}")]
    [TestCase("null")]
    public async Task ValidateTokenAsync_AudienceNotStringOrStringArray_InvalidRequest(string aud)
    {
        // Refused as malformed even though a string in the array names this receiver.
        var error = (await Some.ValidateAsync(Some.Hs256(Some.Payload($"\"aud\":{aud}", "aud")))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'aud'");
    }

    [TestCase("\"\"")]
    [TestCase("42")]
    [TestCase("null")]
    public async Task ValidateTokenAsync_JwtIdEmptyOrNotAString_InvalidRequest(string jti)
    {
        (await Some.ValidateAsync(Some.Hs256(Some.Payload($"\"jti\":{jti}", "jti")))).ShouldBeInvalidRequest();
    }

    [TestCase("iss", "\"\"")]
    [TestCase("iss", "42")]
    [TestCase("txn", "\"\"")]
    [TestCase("txn", "[\"t\"]")]
    [TestCase("sub", "\"\"")]
    [TestCase("sub", "{}")]
    [TestCase("sid", "\"\"")]
    [TestCase("sid", "7")]
    public async Task ValidateTokenAsync_StringClaimEmptyOrNotAString_InvalidRequest(string claim, string value)
    {
        var token = Some.Hs256(Some.Payload($"\"{claim}\":{value}", claim));

        (await Some.ValidateAsync(token, p => p.ValidateIssuer = false)).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_UnknownClaimsOfAnyType_AcceptedAndReadable()
    {
        // Unknown claims are ignored, not judged (SSF-15, BCL-04), and stay readable.
        var token = Some.Hs256(Some.Payload("\"x-list\":[1,\"a\",null],\"x-object\":{\"k\":true},\"nonce\":5"));

        var accepted = (await Some.ValidateAsync(token)).ShouldBeAccepted();

        accepted.TryGetClaim("x-object", out var value).Should().BeTrue();
        value.GetProperty("k").GetBoolean().Should().BeTrue();
    }

    [Test]
    public async Task ValidateTokenAsync_EventPayloadIssuerAndSubject_NotTakenAsEnvelopeClaimsSET08()
    {
        // RFC 8417 figure 3: 'iss' inside an event is about the subject, never the SET issuer.
        var events = $"\"events\":{{\"{Some.EventType}\":{{\"iss\":\"https://idp.example\",\"sub\":\"user\"}}}}";

        var accepted = (await Some.ValidateAsync(Some.Hs256(Some.Payload(events, "events")))).ShouldBeAccepted();

        accepted.Issuer.Should().Be(Some.Issuer);
        accepted.Subject.Should().BeNull();
    }
}
