using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Handler;

/// <summary><see cref="SecurityEventTokenHandler"/>: <c>exp</c>, <c>nbf</c> and token age on a hand-set clock.</summary>
public partial class SecurityEventTokenHandlerTests
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);

    [TestCase(-61)]
    [TestCase(-60)]
    [TestCase(-3600)]
    public async Task ValidateTokenAsync_ExpiredBeyondClockSkew_InvalidRequest(int secondsFromNow)
    {
        var token = Some.Hs256(Some.Payload($"\"exp\":{Some.NowSeconds + secondsFromNow}"));

        var error = (await Some.ValidateAsync(token, p => p.ClockSkew = Skew)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("expired");
    }

    [TestCase(-59)]
    [TestCase(0)]
    [TestCase(1)]
    public async Task ValidateTokenAsync_ExpiredWithinClockSkew_Accepted(int secondsFromNow)
    {
        var token = Some.Hs256(Some.Payload($"\"exp\":{Some.NowSeconds + secondsFromNow}"));

        (await Some.ValidateAsync(token, p => p.ClockSkew = Skew)).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_ExpNowWithoutSkew_InvalidRequest()
    {
        var token = Some.Hs256(Some.Payload($"\"exp\":{Some.NowSeconds}"));

        (await Some.ValidateAsync(token, p => p.ClockSkew = TimeSpan.Zero)).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_ExpiresWhileTheClockMoves_RefusedAfterExpiry()
    {
        var clock = new ManualTimeProvider(Some.Now);
        var token = Some.Hs256(Some.Payload($"\"exp\":{Some.NowSeconds + 120}"));

        (await Some.ValidateAsync(token, time: clock)).ShouldBeAccepted();
        clock.Advance(TimeSpan.FromSeconds(180));
        (await Some.ValidateAsync(token, time: clock)).ShouldBeInvalidRequest();
    }

    [TestCase(61)]
    [TestCase(86_400)]
    public async Task ValidateTokenAsync_NotBeforeInTheFutureBeyondSkew_InvalidRequest(int secondsFromNow)
    {
        var token = Some.Hs256(Some.Payload($"\"nbf\":{Some.NowSeconds + secondsFromNow}"));

        var error = (await Some.ValidateAsync(token, p => p.ClockSkew = Skew)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("not valid yet");
    }

    [TestCase(60)]
    [TestCase(0)]
    [TestCase(-3600)]
    public async Task ValidateTokenAsync_NotBeforeWithinSkewOrPast_Accepted(int secondsFromNow)
    {
        var token = Some.Hs256(Some.Payload($"\"nbf\":{Some.NowSeconds + secondsFromNow}"));

        (await Some.ValidateAsync(token, p => p.ClockSkew = Skew)).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_OlderThanMaximumTokenAge_InvalidRequest()
    {
        var token = Some.Hs256(Some.Payload($"\"iat\":{Some.NowSeconds - 600 - 61}", "iat"));

        var error = (await Some.ValidateAsync(token, p => (p.MaximumTokenAge, p.ClockSkew) = (TimeSpan.FromMinutes(10), Skew))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("older");
    }

    [Test]
    public async Task ValidateTokenAsync_YoungerThanMaximumTokenAgePlusSkew_Accepted()
    {
        var token = Some.Hs256(Some.Payload($"\"iat\":{Some.NowSeconds - 600 - 59}", "iat"));

        (await Some.ValidateAsync(token, p => (p.MaximumTokenAge, p.ClockSkew) = (TimeSpan.FromMinutes(10), Skew))).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_IssuedInTheFutureWithMaximumTokenAge_InvalidRequest()
    {
        var token = Some.Hs256(Some.Payload($"\"iat\":{Some.NowSeconds + 61}", "iat"));

        var error = (await Some.ValidateAsync(token, p => (p.MaximumTokenAge, p.ClockSkew) = (TimeSpan.FromDays(1), Skew))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("future");
    }

    [Test]
    public async Task ValidateTokenAsync_IssuedSlightlyInTheFutureWithinSkew_Accepted()
    {
        var token = Some.Hs256(Some.Payload($"\"iat\":{Some.NowSeconds + 59}", "iat"));

        (await Some.ValidateAsync(token, p => (p.MaximumTokenAge, p.ClockSkew) = (TimeSpan.FromDays(1), Skew))).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_FarFutureIatWithoutMaximumTokenAge_AcceptedAsSsfFigure13()
    {
        // SSF 1.0 figure 13 prints iat 15203800012 (year 2451) and the vector marks the SET valid: RFC 8417
        // leaves freshness to the profile, so iat is required but not judged unless MaximumTokenAge is set.
        var vector = Support.Vectors.Named("ssf-fig13-set-proprietary-subject");
        vector.Valid.Should().BeTrue();
        var claims = JsonNode.Parse(vector.Data.GetRawText())!.AsObject();
        claims["sub_id"] = JsonNode.Parse("{\"format\":\"opaque\",\"id\":\"stream-1\"}"); // the proprietary format is not the point here
        var iss = claims["iss"]!.GetValue<string>();
        var aud = claims["aud"]!.GetValue<string>();
        var token = RawToken.Sign(Some.Header(), claims.ToJsonString(), Some.HmacKey);
        var parameters = new SecurityEventTokenValidationParameters
        {
            Profile = SecurityEventProfile.SharedSignals,
            ValidIssuers = [iss],
            ValidAudiences = [aud],
            SigningKeys = [Some.Symmetric(32)],
        };

        var accepted = (await Some.Handler().ValidateTokenAsync(token, parameters)).ShouldBeAccepted();
        accepted.IssuedAt.Seconds.Should().Be(15203800012m);

        parameters.MaximumTokenAge = TimeSpan.FromDays(365);
        (await Some.Handler().ValidateTokenAsync(token, parameters)).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_VeryOldIatWithoutMaximumTokenAge_Accepted()
    {
        (await Some.ValidateAsync(Some.Hs256(Some.Payload("\"iat\":0", "iat")))).ShouldBeAccepted().IssuedAt.ToDateTimeOffset()
            .Should().Be(DateTimeOffset.UnixEpoch);
    }

    [Test]
    public async Task ValidateTokenAsync_ExtremeButInRangeDates_NoOverflow()
    {
        // The largest and smallest representable instants go through the skew arithmetic without throwing.
        var token = Some.Hs256(Some.Payload("\"exp\":253402300799,\"nbf\":-62135596800,\"iat\":-62135596800", "iat"));

        (await Some.ValidateAsync(token, p => (p.MaximumTokenAge, p.ClockSkew) = (TimeSpan.FromDays(1), TimeSpan.FromDays(1)))).ShouldBeInvalidRequest();
        (await Some.ValidateAsync(token)).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_HandlerClock_DecidesExpiry()
    {
        // Valid on a clock set to 1971, long expired on the system clock.
        var then = new DateTimeOffset(1971, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var token = Some.Hs256(Some.Payload($"\"exp\":{then.ToUnixTimeSeconds() + 60}"));
        var parameters = Some.HmacParameters();

        (await new SecurityEventTokenHandler().ValidateTokenAsync(token, parameters)).ShouldBeInvalidRequest();
        (await Some.Handler(new ManualTimeProvider(then)).ValidateTokenAsync(token, parameters)).ShouldBeAccepted();
    }
}
