using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Validation;

/// <summary>What each profile demands of <c>typ</c> and of the claims (SET-09/10, SSF-08/09/36/38, BCL-03/04/06).</summary>
public class ProfileRulesTests
{
    private const string SubId = "\"sub_id\":{\"format\":\"opaque\",\"id\":\"stream-1\"}";

    private static readonly string LogoutEvents = $"\"events\":{{\"{SecurityEventTypes.BackChannelLogout}\":{{}}}}";

    [TestCase(null)]
    [TestCase("secevent+jwt")]
    [TestCase("application/secevent+jwt")]
    [TestCase("SECEVENT+JWT")]
    [TestCase("Application/SecEvent+JWT")]
    public async Task ValidateTokenAsync_Rfc8417TypAbsentOrSecEvent_AcceptedSET10(string? typ)
    {
        (await Some.ValidateAsync(Some.Hs256(header: Some.Header(typ: typ)))).ShouldBeAccepted().Type.Should().Be(typ);
    }

    [TestCase("JWT")]
    [TestCase("logout+jwt")]
    [TestCase("at+jwt")]
    [TestCase("secevent")]
    [TestCase("secevent+jwt ")]
    [TestCase("")]
    [TestCase("application/application/secevent+jwt")]
    public async Task ValidateTokenAsync_Rfc8417OtherTyp_InvalidRequestSET09(string typ)
    {
        var error = (await Some.ValidateAsync(Some.Hs256(header: Some.Header(typ: typ)))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("typ");
    }

    [TestCase("secevent+jwt")]
    [TestCase("application/secevent+jwt")]
    [TestCase("SecEvent+JWT")]
    public async Task ValidateTokenAsync_SharedSignalsTypSecEvent_AcceptedSSF08(string typ)
    {
        (await ValidateSharedSignalsAsync(Some.Payload(SubId), typ)).ShouldBeAccepted();
    }

    [TestCase(null)]
    [TestCase("JWT")]
    [TestCase("logout+jwt")]
    public async Task ValidateTokenAsync_SharedSignalsTypAbsentOrOther_InvalidRequestSSF08(string? typ)
    {
        (await ValidateSharedSignalsAsync(Some.Payload(SubId), typ)).ShouldBeInvalidRequest();
    }

    [TestCase(null)]
    [TestCase("JWT")]
    [TestCase("jwt")]
    [TestCase("logout+jwt")]
    [TestCase("application/logout+jwt")]
    [TestCase("LOGOUT+JWT")]
    public async Task ValidateTokenAsync_LogoutTypAbsentJwtOrLogout_AcceptedBCL06(string? typ)
    {
        (await ValidateLogoutAsync(LogoutPayload("\"sid\":\"session-1\""), typ)).ShouldBeAccepted();
    }

    [TestCase("secevent+jwt")]
    [TestCase("application/secevent+jwt")]
    [TestCase("at+jwt")]
    public async Task ValidateTokenAsync_LogoutTypSecEventOrOther_InvalidRequestBCL06(string typ)
    {
        (await ValidateLogoutAsync(LogoutPayload("\"sid\":\"session-1\""), typ)).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_SharedSignalsValidToken_Accepted()
    {
        var accepted = (await ValidateSharedSignalsAsync(Some.Payload(SubId + ",\"txn\":\"t-1\""))).ShouldBeAccepted();

        accepted.SubjectId.Should().NotBeNull();
        accepted.TransactionId.Should().Be("t-1");
    }

    [Test]
    public async Task ValidateTokenAsync_SharedSignalsWithoutSubId_InvalidRequestSSF01()
    {
        var error = (await ValidateSharedSignalsAsync(Some.Payload())).ShouldBeInvalidRequest();

        error.Description.Should().Contain("sub_id");
    }

    [Test]
    public async Task ValidateTokenAsync_SharedSignalsWithSub_InvalidRequestSSF09()
    {
        var error = (await ValidateSharedSignalsAsync(Some.Payload(SubId + ",\"sub\":\"user-1\""))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'sub'");
    }

    [Test]
    public async Task ValidateTokenAsync_SharedSignalsWithExp_InvalidRequestSSF09()
    {
        var payload = Some.Payload($"{SubId},\"exp\":{Some.NowSeconds + 3600}");

        var error = (await ValidateSharedSignalsAsync(payload)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'exp'");
    }

    [Test]
    public async Task ValidateTokenAsync_Rfc8417WithExpAndSub_Accepted()
    {
        // RFC 8417 alone only discourages exp (SET-18 leaves the ban to profiles) and allows sub.
        (await Some.ValidateAsync(Some.Hs256(Some.Payload($"\"exp\":{Some.NowSeconds + 3600},\"sub\":\"user-1\"")))).ShouldBeAccepted();
    }

    [TestCase(SecurityEventTypes.SsfVerification, "{}")]
    [TestCase(SecurityEventTypes.SsfStreamUpdated, "{\"status\":\"enabled\"}")]
    public async Task ValidateTokenAsync_StreamEventWithoutOpaqueSubId_InvalidRequestSSF36(string eventType, string payload)
    {
        var subId = "\"sub_id\":{\"format\":\"email\",\"email\":\"user@example.com\"}";
        var events = $"\"events\":{{\"{eventType}\":{payload}}}";

        (await ValidateSharedSignalsAsync(Some.Payload($"{subId},{events}", "events"))).ShouldBeInvalidRequest();
    }

    [TestCase(SecurityEventTypes.SsfVerification, "{\"state\":\"abc\"}")]
    [TestCase(SecurityEventTypes.SsfStreamUpdated, "{\"status\":\"paused\"}")]
    public async Task ValidateTokenAsync_StreamEventWithOpaqueSubId_AcceptedSSF36(string eventType, string payload)
    {
        var events = $"\"events\":{{\"{eventType}\":{payload}}}";

        (await ValidateSharedSignalsAsync(Some.Payload($"{SubId},{events}", "events"))).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_LogoutTokenWithOnlySid_AcceptedBCL03()
    {
        var accepted = (await ValidateLogoutAsync(LogoutPayload("\"sid\":\"session-1\""))).ShouldBeAccepted();

        accepted.Subject.Should().BeNull();
        accepted.TryGetClaim("sid", out var sid).Should().BeTrue();
        sid.GetString().Should().Be("session-1");
    }

    [Test]
    public async Task ValidateTokenAsync_LogoutTokenWithOnlySub_AcceptedBCL03()
    {
        (await ValidateLogoutAsync(LogoutPayload("\"sub\":\"user-1\""))).ShouldBeAccepted().Subject.Should().Be("user-1");
    }

    [Test]
    public async Task ValidateTokenAsync_LogoutTokenWithoutSubOrSid_InvalidRequestBCL03()
    {
        var error = (await ValidateLogoutAsync(LogoutPayload(null))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'sid'");
    }

    [Test]
    public async Task ValidateTokenAsync_LogoutTokenWithoutExp_InvalidRequestBCL03()
    {
        var payload = Some.Payload($"\"sid\":\"session-1\",{LogoutEvents}", "events");

        var error = (await ValidateLogoutAsync(payload)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'exp'");
    }

    [Test]
    public async Task ValidateTokenAsync_LogoutTokenWithoutAudAndAudienceNotChecked_InvalidRequestBCL03()
    {
        var payload = Some.Payload($"\"exp\":{Some.NowSeconds + 120},\"sid\":\"session-1\",{LogoutEvents}", "events", "aud");

        var error = (await ValidateLogoutAsync(payload, configure: p => p.ValidateAudience = false)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'aud'");
    }

    [Test]
    public async Task ValidateTokenAsync_LogoutTokenWithoutAud_InvalidAudience()
    {
        var payload = Some.Payload($"\"exp\":{Some.NowSeconds + 120},\"sid\":\"session-1\",{LogoutEvents}", "events", "aud");

        (await ValidateLogoutAsync(payload)).ShouldBeRefused(SecurityEventErrorCodes.InvalidAudience);
    }

    [TestCase("\"n-0S6_WzA2Mj\"")]
    [TestCase("null")]
    [TestCase("\"\"")]
    public async Task ValidateTokenAsync_LogoutTokenWithNonce_InvalidRequestBCL04(string nonce)
    {
        var error = (await ValidateLogoutAsync(LogoutPayload($"\"sid\":\"session-1\",\"nonce\":{nonce}"))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("nonce");
    }

    [Test]
    public async Task ValidateTokenAsync_LogoutTokenWithoutLogoutEvent_InvalidRequestBCL03()
    {
        var payload = Some.Payload($"\"exp\":{Some.NowSeconds + 120},\"sid\":\"session-1\"");

        var error = (await ValidateLogoutAsync(payload)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("backchannel-logout");
    }

    [Test]
    public async Task ValidateTokenAsync_LogoutEventWithHttpsScheme_InvalidRequestBCL03()
    {
        // The event URI is http://, and event identifiers are compared exactly.
        var events = "\"events\":{\"https://schemas.openid.net/event/backchannel-logout\":{}}";
        var payload = Some.Payload($"\"exp\":{Some.NowSeconds + 120},\"sid\":\"session-1\",{events}", "events");

        (await ValidateLogoutAsync(payload)).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_LogoutTokenWithUnknownClaimsAndExtraEvent_AcceptedBCL04()
    {
        var events = $"\"events\":{{\"{SecurityEventTypes.BackChannelLogout}\":{{\"x\":1}},\"https://example.com/event-type/extra\":{{}}}}";
        var payload = Some.Payload($"\"exp\":{Some.NowSeconds + 120},\"sid\":\"session-1\",\"x-claim\":[1],{events}", "events");

        (await ValidateLogoutAsync(payload)).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_SpecExampleLogoutToken_AcceptedBCL03()
    {
        // Back-Channel Logout 1.0 §2.4's example claims, re-signed here because no spec example is verifiable.
        var data = Support.Vectors.Named("oidc-bcl-sec2.4-logout-token").Data;
        var iss = data.GetProperty("iss").GetString()!;
        var aud = data.GetProperty("aud").GetString()!;
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(data.GetProperty("iat").GetInt64()));

        var result = await Some.Handler(clock).ValidateTokenAsync(RawToken.Sign(Some.Header(typ: "logout+jwt"), data.GetRawText(), Some.HmacKey), new()
        {
            Profile = SecurityEventProfile.BackChannelLogout,
            ValidIssuers = [iss],
            ValidAudiences = [aud],
            SigningKeys = [Some.Symmetric(32)],
        });

        result.ShouldBeAccepted();
    }

    private static string LogoutPayload(string? subjectMembers)
    {
        var extra = $"\"exp\":{Some.NowSeconds + 120},{LogoutEvents}";
        return Some.Payload(subjectMembers is null ? extra : $"{subjectMembers},{extra}", "events");
    }

    private static ValueTask<SecurityEventTokenValidationResult> ValidateSharedSignalsAsync(string payload, string? typ = "secevent+jwt") =>
        Some.ValidateAsync(Some.Hs256(payload, Some.Header(typ: typ)), p => p.Profile = SecurityEventProfile.SharedSignals);

    private static ValueTask<SecurityEventTokenValidationResult> ValidateLogoutAsync(
        string payload, string? typ = "logout+jwt", Action<SecurityEventTokenValidationParameters>? configure = null) =>
        Some.ValidateAsync(Some.Hs256(payload, Some.Header(typ: typ)), p =>
        {
            p.Profile = SecurityEventProfile.BackChannelLogout;
            configure?.Invoke(p);
        });
}
