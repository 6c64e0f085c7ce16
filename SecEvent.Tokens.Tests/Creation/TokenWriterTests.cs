using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Creation;

/// <summary>What <see cref="SecurityEventTokenHandler.CreateToken"/> writes, read back byte for byte.</summary>
public class TokenWriterTests
{
    [TestCase(SecurityEventProfile.Rfc8417, "secevent+jwt")]
    [TestCase(SecurityEventProfile.SharedSignals, "secevent+jwt")]
    [TestCase(SecurityEventProfile.BackChannelLogout, "logout+jwt")]
    public void CreateToken_Header_HasAlgKidAndProfileTyp(SecurityEventProfile profile, string typ)
    {
        var descriptor = profile switch
        {
            SecurityEventProfile.SharedSignals => Some.SharedSignalsDescriptor(),
            SecurityEventProfile.BackChannelLogout => Some.LogoutDescriptor(),
            _ => Some.Descriptor("HS256"),
        };

        var header = Header(Some.Handler().CreateToken(descriptor));

        header.GetProperty("alg").GetString().Should().Be("HS256");
        header.GetProperty("kid").GetString().Should().Be("hmac-1");
        header.GetProperty("typ").GetString().Should().Be(typ);
        header.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("alg", "kid", "typ");
    }

    [Test]
    public void CreateToken_KeyWithoutKid_HeaderHasNoKid()
    {
        var descriptor = Some.Descriptor();
        descriptor.SigningCredentials = new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Some.HmacKey), "HS256");

        Header(Some.Handler().CreateToken(descriptor)).TryGetProperty("kid", out _).Should().BeFalse();
    }

    [Test]
    public void CreateToken_SecEventTyp_PlusSignNotEscaped()
    {
        var headerJson = RawToken.Decode(RawToken.Split(Some.Handler().CreateToken(Some.Descriptor())).Header);

        headerJson.Should().Contain("\"typ\":\"secevent+jwt\"").And.NotContain("\\u002B");
    }

    [Test]
    public void CreateToken_NonAsciiClaim_WrittenAsUtf8NotEscaped()
    {
        var descriptor = Some.Descriptor();
        descriptor.TransactionId = "café-Ω";

        RawToken.Decode(RawToken.Split(Some.Handler().CreateToken(descriptor)).Payload).Should().Contain("\"txn\":\"café-Ω\"");
    }

    [Test]
    public void CreateToken_OneAudience_WrittenAsString()
    {
        var aud = Payload(Some.Handler().CreateToken(Some.Descriptor())).GetProperty("aud");

        aud.ValueKind.Should().Be(JsonValueKind.String);
        aud.GetString().Should().Be(Some.Audience);
    }

    [Test]
    public void CreateToken_SeveralAudiences_WrittenAsArrayInOrder()
    {
        var descriptor = Some.Descriptor();
        descriptor.Audiences = ["https://b.example", "https://a.example", "https://b.example"];

        var aud = Payload(Some.Handler().CreateToken(descriptor)).GetProperty("aud");

        aud.ValueKind.Should().Be(JsonValueKind.Array);
        aud.EnumerateArray().Select(a => a.GetString()).Should().Equal("https://b.example", "https://a.example", "https://b.example");
    }

    [Test]
    public void CreateToken_NoAudience_NoAudClaim()
    {
        var descriptor = Some.Descriptor();
        descriptor.Audiences = [];

        Payload(Some.Handler().CreateToken(descriptor)).TryGetProperty("aud", out _).Should().BeFalse();
    }

    [TestCase(SecurityEventProfile.Rfc8417)]
    [TestCase(SecurityEventProfile.SharedSignals)]
    public void CreateToken_NoExpiration_NoExpClaim(SecurityEventProfile profile)
    {
        var descriptor = profile == SecurityEventProfile.SharedSignals ? Some.SharedSignalsDescriptor() : Some.Descriptor();

        Payload(Some.Handler().CreateToken(descriptor)).TryGetProperty("exp", out _).Should().BeFalse();
    }

    [Test]
    public void CreateToken_Rfc8417WithExpiration_WritesExp()
    {
        var descriptor = Some.Descriptor();
        descriptor.Expiration = new NumericDate(Some.NowSeconds + 300);

        Payload(Some.Handler().CreateToken(descriptor)).GetProperty("exp").GetInt64().Should().Be(Some.NowSeconds + 300);
    }

    [Test]
    public void CreateToken_OptionalClaims_WrittenWithTheirTypes()
    {
        var descriptor = Some.Descriptor();
        descriptor.TransactionId = "txn-1";
        descriptor.TimeOfEvent = new NumericDate(1458492000.5m);
        descriptor.Subject = "user-1";
        descriptor.SubjectId = Some.Opaque("stream-9");

        var payload = Payload(Some.Handler().CreateToken(descriptor));

        payload.GetProperty("txn").GetString().Should().Be("txn-1");
        payload.GetProperty("toe").GetDecimal().Should().Be(1458492000.5m);
        payload.GetProperty("sub").GetString().Should().Be("user-1");
        payload.GetProperty("sub_id").GetProperty("id").GetString().Should().Be("stream-9");
    }

    [Test]
    public void CreateToken_EventsInDescriptorOrder_WithTheirPayloads()
    {
        var descriptor = Some.Descriptor();
        descriptor.Events =
        [
            Some.Event("urn:example:b", "{\"n\":[1,2]}"),
            new SsfVerificationEvent { State = "s" },
            Some.Event("urn:example:a"),
        ];

        var events = Payload(Some.Handler().CreateToken(descriptor)).GetProperty("events");

        events.EnumerateObject().Select(e => e.Name).Should().Equal("urn:example:b", SecurityEventTypes.SsfVerification, "urn:example:a");
        events.GetProperty(SecurityEventTypes.SsfVerification).GetRawText().Should().Be("{\"state\":\"s\"}");
        events.GetProperty("urn:example:b").GetRawText().Should().Be("{\"n\":[1,2]}");
    }

    [Test]
    public void CreateToken_Unsecured_AlgNoneAndEmptySignature()
    {
        var descriptor = Some.Descriptor();
        descriptor.SigningCredentials = null;
        descriptor.Unsecured = true;

        var token = Some.Handler().CreateToken(descriptor);

        token.Should().EndWith(".");
        Header(token).GetProperty("alg").GetString().Should().Be("none");
        Header(token).TryGetProperty("kid", out _).Should().BeFalse();
    }

    [Test]
    public void CreateToken_AdditionalHeaderParameter_Written()
    {
        var descriptor = Some.Descriptor();
        descriptor.AdditionalHeaderParameters["x-trace"] = "abc";

        Header(Some.Handler().CreateToken(descriptor)).GetProperty("x-trace").GetString().Should().Be("abc");
    }

    [Test]
    public void CreateToken_ManyTimesOnOneThread_WritesIndependentTokens()
    {
        // The writer is reused per thread: nothing of one token may leak into the next.
        var handler = Some.Handler();
        var big = Some.Descriptor();
        big.AdditionalClaims["blob"] = new string('x', 5_000);
        big.AdditionalHeaderParameters["x-big"] = new string('y', 1_000);

        handler.CreateToken(big);
        var small = handler.CreateToken(Some.Descriptor());

        Payload(small).TryGetProperty("blob", out _).Should().BeFalse();
        Header(small).TryGetProperty("x-big", out _).Should().BeFalse();
    }

    [Test]
    public void CreateToken_AfterAFailedCreate_WritesCleanTokens()
    {
        var handler = Some.Handler();
        var bad = Some.Descriptor();
        bad.AdditionalHeaderParameters["x-before"] = 1;
        bad.AdditionalHeaderParameters["crit"] = new[] { "exp" };

        FluentActions.Invoking(() => handler.CreateToken(bad)).Should().Throw<ArgumentException>();
        var token = handler.CreateToken(Some.Descriptor());

        Header(token).TryGetProperty("x-before", out _).Should().BeFalse();
    }

    [Test]
    public async Task CreateToken_FromManyThreads_EachTokenValidates()
    {
        var handler = Some.Handler();
        var tokens = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
        {
            var descriptor = Some.Descriptor("HS256");
            descriptor.JwtId = $"jti-{i}";
            return (Jti: descriptor.JwtId, Token: handler.CreateToken(descriptor));
        })));

        foreach (var (jti, token) in tokens)
        {
            (await handler.ValidateTokenAsync(token, Some.Parameters("HS256"))).ShouldBeAccepted().JwtId.Should().Be(jti);
        }
    }

    private static JsonElement Header(string token) => JsonElement.Parse(RawToken.Decode(RawToken.Split(token).Header));

    private static JsonElement Payload(string token) => JsonElement.Parse(RawToken.Decode(RawToken.Split(token).Payload));
}
