using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Logout;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Logout;

/// <summary><see cref="LogoutTokenHandler.ValidateTokenAsync"/>: the claims of §2.4 and the validation steps of §2.6.</summary>
public partial class LogoutTokenHandlerTests
{
    [Test]
    public async Task ValidateTokenAsync_ValidToken_AcceptedWithTypedClaimsBCL03()
    {
        var token = (await LogoutTokens.ValidateAsync(LogoutTokens.Hs256())).ShouldBeAccepted();

        token.Issuer.Should().Be(LogoutTokens.Issuer);
        token.Audiences.Should().Equal(LogoutTokens.ClientId);
        token.Subject.Should().Be(LogoutTokens.Subject);
        token.SessionId.Should().Be(LogoutTokens.SessionId);
        token.JwtId.Should().Be("bWJq");
        token.IssuedAt.Should().Be(new NumericDate(Some.NowSeconds));
        token.Expiration.Should().Be(new NumericDate(Some.NowSeconds + 120));
        token.Event.Should().Be(new BackChannelLogoutEvent());
        token.Type.Should().Be("logout+jwt");
    }

    [TestCase("sid")]
    [TestCase("sub")]
    public async Task ValidateTokenAsync_OnlyOneOfSubAndSid_AcceptedBCL03(string left)
    {
        var token = (await LogoutTokens.ValidateAsync(LogoutTokens.Hs256(LogoutTokens.Payload(null, left)))).ShouldBeAccepted();

        (left == "sid" ? token.SessionId : token.Subject).Should().BeNull();
        (left == "sid" ? token.Subject : token.SessionId).Should().NotBeNull();
    }

    [TestCase("iss")]
    [TestCase("aud")]
    [TestCase("iat")]
    [TestCase("exp")]
    [TestCase("jti")]
    [TestCase("events")]
    public async Task ValidateTokenAsync_RequiredClaimMissing_RefusedBCL03(string missing)
    {
        var token = LogoutTokens.Hs256(LogoutTokens.Payload(null, missing));

        (await LogoutTokens.ValidateAsync(token)).ShouldBeRefused(token);
    }

    [Test]
    public async Task ValidateTokenAsync_NeitherSubNorSid_RefusedBCL03BCL08()
    {
        var token = LogoutTokens.Hs256(LogoutTokens.Payload(null, "sub", "sid"));

        (await LogoutTokens.ValidateAsync(token)).ShouldBeRefused(token).Should().Contain("'sub', 'sid'");
    }

    [TestCase("\"sid\":\"\"", "sid")]
    [TestCase("\"sid\":42", "sid")]
    [TestCase("\"sid\":null", "sid")]
    [TestCase("\"sub\":\"\"", "sub")]
    [TestCase("\"sub\":[\"a\"]", "sub")]
    public async Task ValidateTokenAsync_SubOrSidNotANonEmptyString_RefusedBCL03(string member, string name)
    {
        var token = LogoutTokens.Hs256(LogoutTokens.Payload(member, name));

        (await LogoutTokens.ValidateAsync(token)).ShouldBeRefused(token);
    }

    [Test]
    public async Task ValidateTokenAsync_EventsWithoutLogoutMember_RefusedBCL03BCL08()
    {
        var token = LogoutTokens.Hs256(LogoutTokens.Payload("\"events\":{\"https://schemas.openid.net/event/backchannel-logout\":{}}", "events"));

        (await LogoutTokens.ValidateAsync(token)).ShouldBeRefused(token).Should().Contain("backchannel-logout");
    }

    [TestCase("[]")]
    [TestCase("\"\"")]
    [TestCase("null")]
    [TestCase("true")]
    public async Task ValidateTokenAsync_LogoutEventPayloadNotAnObject_RefusedBCL03(string payload)
    {
        var token = LogoutTokens.Hs256(LogoutTokens.Payload($"\"events\":{{\"http://schemas.openid.net/event/backchannel-logout\":{payload}}}", "events"));

        (await LogoutTokens.ValidateAsync(token)).ShouldBeRefused(token);
    }

    [Test]
    public async Task ValidateTokenAsync_LogoutEventWithMembers_AcceptedAndKeptBCL03()
    {
        var token = LogoutTokens.Hs256(LogoutTokens.Payload("\"events\":{\"http://schemas.openid.net/event/backchannel-logout\":{\"x\":1}}", "events"));

        var accepted = (await LogoutTokens.ValidateAsync(token)).ShouldBeAccepted();

        accepted.Event.AdditionalMembers!["x"].GetInt32().Should().Be(1);
    }

    [TestCase("\"nonce\":\"n-0S6_WzA2Mj\"")]
    [TestCase("\"nonce\":null")]
    [TestCase("\"nonce\":\"\"")]
    public async Task ValidateTokenAsync_NoncePresent_RefusedBCL04BCL08(string nonce)
    {
        var token = LogoutTokens.Hs256(LogoutTokens.Payload(nonce));

        (await LogoutTokens.ValidateAsync(token)).ShouldBeRefused(token).Should().Contain("nonce");
    }

    [Test]
    public async Task ValidateTokenAsync_UnknownClaims_IgnoredAndReadableBCL04()
    {
        var token = LogoutTokens.Hs256(LogoutTokens.Payload("\"acr\":\"urn:x\",\"custom\":{\"a\":[1,2]},\"azp\":\"s6BhdRkqt3\""));

        var accepted = (await LogoutTokens.ValidateAsync(token)).ShouldBeAccepted();

        accepted.TryGetClaim("custom", out var custom).Should().BeTrue();
        custom.GetProperty("a").GetArrayLength().Should().Be(2);
    }

    [TestCase(null)]
    [TestCase("JWT")]
    [TestCase("logout+jwt")]
    [TestCase("application/logout+jwt")]
    [TestCase("Logout+JWT")]
    public async Task ValidateTokenAsync_TypAbsentJwtOrLogout_AcceptedBCL06(string? typ)
    {
        (await LogoutTokens.ValidateAsync(LogoutTokens.Hs256(header: LogoutTokens.Header(typ)))).ShouldBeAccepted();
    }

    [TestCase("secevent+jwt")]
    [TestCase("at+jwt")]
    [TestCase("application/jwt+logout")]
    public async Task ValidateTokenAsync_TypOfAnotherKind_RefusedBCL06(string typ)
    {
        var token = LogoutTokens.Hs256(header: LogoutTokens.Header(typ));

        (await LogoutTokens.ValidateAsync(token)).ShouldBeRefused(token);
    }

    [TestCase(null)]
    [TestCase("JWT")]
    public async Task ValidateTokenAsync_ExplicitTypeRequiredButNotLogout_RefusedBCL06(string? typ)
    {
        var token = LogoutTokens.Hs256(header: LogoutTokens.Header(typ));

        (await LogoutTokens.ValidateAsync(token, p => p.RequireExplicitType = true)).ShouldBeRefused(token).Should().Contain("logout+jwt");
    }

    [TestCase("logout+jwt")]
    [TestCase("application/LOGOUT+jwt")]
    public async Task ValidateTokenAsync_ExplicitTypeRequiredAndPresent_AcceptedBCL06(string typ)
    {
        (await LogoutTokens.ValidateAsync(LogoutTokens.Hs256(header: LogoutTokens.Header(typ)), p => p.RequireExplicitType = true)).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_AlgNone_RefusedEvenWhenListedBCL05BCL08()
    {
        var token = RawToken.Unsecured(LogoutTokens.Header(alg: "none"), LogoutTokens.Payload());

        (await LogoutTokens.ValidateAsync(token, p => p.ValidAlgorithms = ["none", "HS256"])).ShouldBeRefused(token).Should().Contain("none");
    }

    [Test]
    public async Task ValidateTokenAsync_SignedWithAnotherKey_RefusedBCL08()
    {
        var token = RawToken.Sign(LogoutTokens.Header(), LogoutTokens.Payload(), Some.OtherSymmetric("hmac-1").Key);

        (await LogoutTokens.ValidateAsync(token)).ShouldBeRefused(token);
    }

    [Test]
    public async Task ValidateTokenAsync_TamperedPayload_RefusedBCL08()
    {
        var (header, _, signature) = RawToken.Split(LogoutTokens.Hs256());
        var token = $"{header}.{RawToken.Encode(LogoutTokens.Payload(null, "sid"))}.{signature}";

        (await LogoutTokens.ValidateAsync(token)).ShouldBeRefused(token);
    }

    [Test]
    public async Task ValidateTokenAsync_DefaultAlgorithmsAndHs256Token_RefusedAsNotRs256BCL08()
    {
        var token = LogoutTokens.Hs256();
        var parameters = new LogoutTokenValidationParameters
        {
            ValidIssuers = [LogoutTokens.Issuer],
            ValidAudiences = [LogoutTokens.ClientId],
            SigningKeys = [Some.Symmetric(32)],
        };

        (await LogoutTokens.Handler().ValidateTokenAsync(token, parameters)).ShouldBeRefused(token).Should().Contain("HS256");
    }

    [Test]
    public async Task ValidateTokenAsync_Rs256WithDefaultAlgorithms_AcceptedBCL08()
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.SigningCredentials = Some.Credentials("RS256");
        var token = LogoutTokens.Handler().CreateToken(descriptor);
        var parameters = new LogoutTokenValidationParameters
        {
            ValidIssuers = [LogoutTokens.Issuer],
            ValidAudiences = [LogoutTokens.ClientId],
            SigningKeys = [Some.PublicOf(Some.RsaKey)],
        };

        (await LogoutTokens.Handler().ValidateTokenAsync(token, parameters)).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_WrongIssuer_RefusedBCL08()
    {
        var token = LogoutTokens.Hs256();

        (await LogoutTokens.ValidateAsync(token, p => p.ValidIssuers = ["https://other.example.com"])).ShouldBeRefused(token).Should().Contain("issuer");
    }

    [Test]
    public async Task ValidateTokenAsync_WrongAudience_RefusedBCL08()
    {
        var token = LogoutTokens.Hs256();

        (await LogoutTokens.ValidateAsync(token, p => p.ValidAudiences = ["another-client"])).ShouldBeRefused(token).Should().Contain("audience");
    }

    [Test]
    public async Task ValidateTokenAsync_AdditionalUntrustedAudience_RefusedAsForIdTokensBCL08()
    {
        var token = LogoutTokens.Hs256(LogoutTokens.Payload("\"aud\":[\"s6BhdRkqt3\",\"evil-client\"]", "aud"));

        (await LogoutTokens.ValidateAsync(token)).ShouldBeRefused(token).Should().Contain("audience");
    }

    [Test]
    public async Task ValidateTokenAsync_SeveralTrustedAudiences_AcceptedBCL08()
    {
        var token = LogoutTokens.Hs256(LogoutTokens.Payload("\"aud\":[\"s6BhdRkqt3\",\"sister-client\"]", "aud"));

        (await LogoutTokens.ValidateAsync(token, p => p.ValidAudiences = [LogoutTokens.ClientId, "sister-client"])).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_Expired_RefusedBCL08()
    {
        var token = LogoutTokens.Hs256();
        var clock = new ManualTimeProvider(Some.Now.AddSeconds(120 + 60));

        (await LogoutTokens.ValidateAsync(token, time: clock)).ShouldBeRefused(token).Should().Contain("expired");
    }

    [Test]
    public async Task ValidateTokenAsync_JustBeforeExpiryPlusSkew_AcceptedBCL08()
    {
        var clock = new ManualTimeProvider(Some.Now.AddSeconds(120 + 59));

        (await LogoutTokens.ValidateAsync(LogoutTokens.Hs256(), time: clock)).ShouldBeAccepted();
    }

    [TestCase(-3600)]
    [TestCase(3600)]
    public async Task ValidateTokenAsync_IatOutsideMaximumAge_RefusedBCL08(int offsetSeconds)
    {
        var iat = Some.NowSeconds + offsetSeconds;
        var token = LogoutTokens.Hs256(LogoutTokens.Payload($"\"iat\":{iat},\"exp\":{iat + 7200}", "iat", "exp"));

        (await LogoutTokens.ValidateAsync(token, p => p.MaximumTokenAge = TimeSpan.FromMinutes(5))).ShouldBeRefused(token).Should().Contain("iat");
    }

    [Test]
    public async Task ValidateTokenAsync_SameJtiTwice_SecondRefusedAsReplayBCL08()
    {
        var cache = new InMemorySecurityEventReplayCache(TimeSpan.FromMinutes(10), timeProvider: new ManualTimeProvider(Some.Now));
        var token = LogoutTokens.Hs256();
        var other = LogoutTokens.Hs256(LogoutTokens.Payload("\"jti\":\"another\"", "jti"));

        (await LogoutTokens.ValidateAsync(token, p => p.ReplayCache = cache)).ShouldBeAccepted();
        (await LogoutTokens.ValidateAsync(other, p => p.ReplayCache = cache)).ShouldBeAccepted();
        (await LogoutTokens.ValidateAsync(token, p => p.ReplayCache = cache)).ShouldBeRefused(token).Should().Contain("replay");
    }

    [Test]
    public async Task ValidateTokenAsync_RefusedToken_NotRecordedInReplayCacheBCL08()
    {
        var cache = new InMemorySecurityEventReplayCache(TimeSpan.FromMinutes(10), timeProvider: new ManualTimeProvider(Some.Now));
        var untrusted = LogoutTokens.Hs256(LogoutTokens.Payload("\"aud\":[\"s6BhdRkqt3\",\"evil-client\"]", "aud"));

        (await LogoutTokens.ValidateAsync(untrusted, p => p.ReplayCache = cache)).ShouldBeRefused(untrusted);

        (await cache.TryAddAsync(LogoutTokens.Issuer, "bWJq", null, CancellationToken.None)).Should().BeTrue();
    }

    [Test]
    public async Task ValidateTokenAsync_TooLong_RefusedBeforeParsing()
    {
        var token = LogoutTokens.Hs256(LogoutTokens.Payload($"\"pad\":\"{new string('a', 20_000)}\""));

        (await LogoutTokens.ValidateAsync(token)).ShouldBeRefused(token);
    }

    [Test]
    public async Task ValidateTokenAsync_NoIssuerOrAudienceConfigured_ThrowsInvalidOperation()
    {
        var handler = LogoutTokens.Handler();

        await FluentActions.Awaiting(() => handler.ValidateTokenAsync("x", LogoutTokens.Parameters(p => p.ValidIssuers = [])).AsTask())
            .Should().ThrowAsync<InvalidOperationException>();
        await FluentActions.Awaiting(() => handler.ValidateTokenAsync("x", LogoutTokens.Parameters(p => p.ValidAudiences = [])).AsTask())
            .Should().ThrowAsync<InvalidOperationException>();
    }

    [Test]
    public async Task ValidateTokenAsync_Section24Example_AcceptedBCL03()
    {
        var vector = Support.Vectors.Named("oidc-bcl-sec2.4-logout-token");
        var iat = vector.Data.GetProperty("iat").GetInt64();
        var token = RawToken.Sign(LogoutTokens.Header(), vector.Data.GetRawText(), Some.HmacKey);
        var parameters = LogoutTokens.Parameters(p =>
        {
            p.ValidIssuers = [vector.Data.GetProperty("iss").GetString()!];
            p.ValidAudiences = [vector.Data.GetProperty("aud").GetString()!];
        });

        var accepted = (await LogoutTokens.Handler(new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(iat + 1))).ValidateTokenAsync(token, parameters)).ShouldBeAccepted();

        accepted.Subject.Should().Be("248289761001");
        accepted.SessionId.Should().Be("08a5019c-17e1-4977-8f42-65a12843ea02");
        accepted.Expiration.Should().Be(new NumericDate(vector.Data.GetProperty("exp").GetInt64()));
    }

    [Test]
    public async Task ValidateTokenAsync_Rfc8417Figure2WithoutExp_RefusedBCL03()
    {
        var vector = Support.Vectors.Named("rfc8417-fig2-backchannel-logout");
        var token = RawToken.Sign(LogoutTokens.Header(), vector.Data.GetRawText(), Some.HmacKey);
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(vector.Data.GetProperty("iat").GetInt64() + 1));

        (await LogoutTokens.ValidateAsync(token, p => p.ValidIssuers = [vector.Data.GetProperty("iss").GetString()!], clock))
            .ShouldBeRefused(token).Should().Contain("exp");
    }

    [Test]
    public async Task ToString_ValidatedToken_NamesJtiWithoutTokenSubjectOrSession()
    {
        var token = LogoutTokens.Hs256();
        var result = await LogoutTokens.ValidateAsync(token);

        result.ToString().Should().Contain("bWJq").And.NotContain(token).And.NotContain(LogoutTokens.Subject).And.NotContain(LogoutTokens.SessionId);
    }
}
