using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Handler;

/// <summary>
/// <see cref="SecurityEventTokenHandler"/>: unsecured tokens, issuer and audience, and the parameter checks.
/// The other parts of this class cover keys, time, replay, creation and the round trip.
/// </summary>
public partial class SecurityEventTokenHandlerTests
{
    private const string OtherIssuer = "https://other.example.com";

    [Test]
    public async Task ValidateTokenAsync_AlgNoneByDefault_InvalidKeySET12()
    {
        var error = (await Some.ValidateAsync(RawToken.Unsecured(Some.Header("none"), Some.Payload()))).ShouldBeInvalidKey();

        error.Description.Should().Contain("none");
    }

    [Test]
    public async Task ValidateTokenAsync_AlgNoneAllowed_AcceptedWithoutSigningKeySET12()
    {
        var result = await Some.ValidateAsync(RawToken.Unsecured(Some.Header("none"), Some.Payload()), p => p.AllowUnsecuredTokens = true);

        result.ShouldBeAccepted().Algorithm.Should().Be("none");
        result.SigningKey.Should().BeNull();
    }

    [TestCase("AAAA")]
    [TestCase("e30")]
    public async Task ValidateTokenAsync_AlgNoneAllowedWithSignaturePart_InvalidRequest(string signature)
    {
        var token = RawToken.Unsecured(Some.Header("none"), Some.Payload(), signature);

        (await Some.ValidateAsync(token, p => p.AllowUnsecuredTokens = true)).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_AlgNoneAllowedForSharedSignals_Accepted()
    {
        var payload = Some.Payload("\"sub_id\":{\"format\":\"opaque\",\"id\":\"stream-1\"}");

        var result = await Some.ValidateAsync(RawToken.Unsecured(Some.Header("none"), payload), p =>
        {
            p.AllowUnsecuredTokens = true;
            p.Profile = SecurityEventProfile.SharedSignals;
        });

        result.ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_AlgNoneLogoutTokenEvenWhenAllowed_InvalidKeyBCL08()
    {
        var payload = Some.Payload($"\"exp\":{Some.NowSeconds + 120},\"sid\":\"s\",\"events\":{{\"http://schemas.openid.net/event/backchannel-logout\":{{}}}}", "events");

        var result = await Some.ValidateAsync(RawToken.Unsecured(Some.Header("none", "logout+jwt"), payload), p =>
        {
            p.AllowUnsecuredTokens = true;
            p.Profile = SecurityEventProfile.BackChannelLogout;
        });

        result.ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_Rfc8417Figure6UnsecuredExample_AcceptedOnlyWhenAllowed()
    {
        var vector = Support.Vectors.Named("rfc8417-fig6-unsecured-set-compact").Data;
        var payload = vector.GetProperty("decoded_payload");
        var handler = Some.Handler(new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(payload.GetProperty("iat").GetInt64())));
        var parameters = new SecurityEventTokenValidationParameters
        {
            ValidIssuers = [payload.GetProperty("iss").GetString()!],
            ValidAudiences = [payload.GetProperty("aud")[1].GetString()!],
        };
        var compact = vector.GetProperty("compact").GetString()!;

        (await handler.ValidateTokenAsync(compact, parameters)).ShouldBeInvalidKey();
        parameters.AllowUnsecuredTokens = true;
        var accepted = (await handler.ValidateTokenAsync(compact, parameters)).ShouldBeAccepted();

        accepted.Events.Should().ContainSingle().Which.EventType.Should().Be("urn:ietf:params:scim:event:create");
        System.Text.Json.JsonElement.DeepEquals(accepted.Payload, payload).Should().BeTrue();
    }

    [TestCase(OtherIssuer)]
    [TestCase("https://transmitter.example.com/")]
    [TestCase("HTTPS://transmitter.example.com")]
    [TestCase("https://transmitter.example.com ")]
    public async Task ValidateTokenAsync_IssuerNotAccepted_InvalidIssuer(string issuer)
    {
        // Compared ordinally, as received: no normalisation of case or trailing slash.
        var token = Some.Hs256(Some.Payload().Replace(Some.Issuer, issuer, StringComparison.Ordinal));

        (await Some.ValidateAsync(token)).ShouldBeRefused(SecurityEventErrorCodes.InvalidIssuer);
    }

    [Test]
    public async Task ValidateTokenAsync_IssuerAmongSeveralAccepted_Accepted()
    {
        var token = Some.Hs256(Some.Payload().Replace(Some.Issuer, OtherIssuer, StringComparison.Ordinal));

        (await Some.ValidateAsync(token, p => p.ValidIssuers = [Some.Issuer, OtherIssuer])).ShouldBeAccepted().Issuer.Should().Be(OtherIssuer);
    }

    [Test]
    public async Task ValidateTokenAsync_ValidateIssuerOff_AcceptsAnyIssuer()
    {
        var token = Some.Hs256(Some.Payload().Replace(Some.Issuer, OtherIssuer, StringComparison.Ordinal));

        (await Some.ValidateAsync(token, p => (p.ValidateIssuer, p.ValidIssuers) = (false, []))).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_AudienceMissing_InvalidAudience()
    {
        var error = (await Some.ValidateAsync(Some.Hs256(Some.Payload(without: "aud")))).ShouldBeRefused(SecurityEventErrorCodes.InvalidAudience);

        error.Description.Should().Contain("no 'aud'");
    }

    [TestCase("\"https://other-receiver.example.com\"")]
    [TestCase("[]")]
    [TestCase("[\"https://other-receiver.example.com\",\"https://receiver.example.com/\"]")]
    [TestCase("\"HTTPS://RECEIVER.EXAMPLE.COM\"")]
    public async Task ValidateTokenAsync_AudienceNotNamingUs_InvalidAudience(string aud)
    {
        var token = Some.Hs256(Some.Payload($"\"aud\":{aud}", "aud"));

        (await Some.ValidateAsync(token)).ShouldBeRefused(SecurityEventErrorCodes.InvalidAudience);
    }

    [Test]
    public async Task ValidateTokenAsync_AudienceArrayContainingUs_Accepted()
    {
        var token = Some.Hs256(Some.Payload($"\"aud\":[\"https://other-receiver.example.com\",\"{Some.Audience}\"]", "aud"));

        (await Some.ValidateAsync(token)).ShouldBeAccepted().Audiences.Should().Equal("https://other-receiver.example.com", Some.Audience);
    }

    [Test]
    public async Task ValidateTokenAsync_ValidateAudienceOff_AcceptsMissingAndForeignAudience()
    {
        var missing = Some.Hs256(Some.Payload(without: "aud"));
        var foreign = Some.Hs256(Some.Payload("\"aud\":\"https://other-receiver.example.com\"", "aud"));

        (await Some.ValidateAsync(missing, p => (p.ValidateAudience, p.ValidAudiences) = (false, []))).ShouldBeAccepted().Audiences.Should().BeEmpty();
        (await Some.ValidateAsync(foreign, p => (p.ValidateAudience, p.ValidAudiences) = (false, []))).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_WrongIssuerAndWrongAudience_ReportsIssuerFirst()
    {
        var token = Some.Hs256(Some.Payload($"\"iss\":\"{OtherIssuer}\",\"aud\":\"https://x.example\"", "iss", "aud"));

        (await Some.ValidateAsync(token)).ShouldBeRefused(SecurityEventErrorCodes.InvalidIssuer);
    }

    [Test]
    public async Task ValidateTokenAsync_ValidateIssuerWithoutValidIssuers_ThrowsInvalidOperation()
    {
        var act = async () => await Some.ValidateAsync(Some.Hs256(), p => p.ValidIssuers = []);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*ValidIssuers*");
    }

    [Test]
    public async Task ValidateTokenAsync_ValidateAudienceWithoutValidAudiences_ThrowsInvalidOperation()
    {
        var act = async () => await Some.ValidateAsync(Some.Hs256(), p => p.ValidAudiences = []);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*ValidAudiences*");
    }

    [Test]
    public async Task ValidateTokenAsync_MisconfiguredEvenForGarbageInput_Throws()
    {
        // Configuration mistakes surface on the first call, not only once a good token arrives.
        var act = async () => await Some.ValidateAsync("garbage", p => p.ValidIssuers = []);

        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    [Test]
    public async Task ValidateTokenAsync_NullParameters_ThrowsArgumentNull()
    {
        var act = async () => await Some.Handler().ValidateTokenAsync(Some.Hs256(), null!);

        await act.Should().ThrowAsync<ArgumentNullException>();
    }

    [Test]
    public async Task ValidateTokenAsync_NonPositiveLimitsOrNegativeSkew_ThrowsArgumentOutOfRange()
    {
        var token = Some.Hs256();

        await FluentActions.Awaiting(async () => await Some.ValidateAsync(token, p => p.MaximumTokenSize = 0)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(async () => await Some.ValidateAsync(token, p => p.MaximumJsonDepth = 0)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(async () => await Some.ValidateAsync(token, p => p.ClockSkew = TimeSpan.FromSeconds(-1))).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
