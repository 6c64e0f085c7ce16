using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Events;

public class SsfVerificationEventTests
{
    [Test]
    public async Task ValidateTokenAsync_VerificationEvent_ReadAsTypedWithStateSSF36()
    {
        var token = EventTokens.WithEvent(SecurityEventTypes.SsfVerification, "{\"state\":\"VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRlIHZhbHVlLgo=\"}");

        var accepted = (await EventTokens.ValidateAsync(token)).ShouldBeAccepted();

        accepted.GetEvent<SsfVerificationEvent>()!.State.Should().Be("VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRlIHZhbHVlLgo=");
        accepted.Events.Should().ContainSingle().Which.Should().BeOfType<SsfVerificationEvent>();
    }

    [Test]
    public async Task ValidateTokenAsync_VerificationEventWithoutState_StateNullSSF37()
    {
        var accepted = (await EventTokens.ValidateAsync(EventTokens.WithEvent(SecurityEventTypes.SsfVerification, "{}"))).ShouldBeAccepted();

        var verification = accepted.GetEvent<SsfVerificationEvent>()!;
        verification.State.Should().BeNull();
        verification.AdditionalMembers.Should().BeNull();
    }

    [TestCase("42")]
    [TestCase("{}")]
    [TestCase("[\"s\"]")]
    [TestCase("true")]
    public async Task ValidateTokenAsync_VerificationStateNotAString_InvalidRequest(string state)
    {
        var token = EventTokens.WithEvent(SecurityEventTypes.SsfVerification, $"{{\"state\":{state}}}");

        (await EventTokens.ValidateAsync(token)).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_SsfFigure46Example_AcceptedTyped()
    {
        var data = Support.Vectors.Named("ssf-fig46-verification-set").Data;
        var parameters = new SecurityEventTokenValidationParameters
        {
            Profile = SecurityEventProfile.SharedSignals,
            ValidIssuers = [data.GetProperty("iss").GetString()!],
            ValidAudiences = [data.GetProperty("aud").GetString()!],
            SigningKeys = [Some.Symmetric(32)],
        };

        var accepted = (await Some.Handler().ValidateTokenAsync(RawToken.Sign(Some.Header(), data.GetRawText(), Some.HmacKey), parameters)).ShouldBeAccepted();

        accepted.GetEvent<SsfVerificationEvent>()!.State.Should().Be(data.GetProperty("events").GetProperty(SecurityEventTypes.SsfVerification).GetProperty("state").GetString());
    }

    [Test]
    public async Task CreateToken_VerificationEvent_WrittenAndReadBackEqual()
    {
        var sent = new SsfVerificationEvent { State = "abc" };
        var token = Some.Handler().CreateToken(Some.SharedSignalsDescriptor(sent));

        var accepted = (await EventTokens.ValidateAsync(token)).ShouldBeAccepted();

        accepted.GetEvent<SsfVerificationEvent>().Should().Be(sent);
    }

    [Test]
    public async Task FromToken_VerificationStateExplicitlyNull_WrittenBackUnchanged()
    {
        var token = EventTokens.WithEvent(SecurityEventTypes.SsfVerification, "{\"state\":null}");
        var first = (await EventTokens.ValidateAsync(token)).ShouldBeAccepted();
        var descriptor = SecurityEventTokenDescriptor.FromToken(first);
        descriptor.Profile = SecurityEventProfile.SharedSignals;
        descriptor.SigningCredentials = Some.Credentials("HS256");

        var second = (await EventTokens.ValidateAsync(Some.Handler().CreateToken(descriptor))).ShouldBeAccepted();

        System.Text.Json.JsonElement.DeepEquals(second.Payload, first.Payload).Should().BeTrue(second.Payload.GetRawText());
    }
}
