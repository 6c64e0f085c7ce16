using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Events;

public class SsfStreamUpdatedEventTests
{
    [TestCase(SsfStreamStatuses.Enabled)]
    [TestCase(SsfStreamStatuses.Paused)]
    [TestCase(SsfStreamStatuses.Disabled)]
    public async Task ValidateTokenAsync_EachStatus_ReadAsTypedSSF38(string status)
    {
        var token = EventTokens.WithEvent(SecurityEventTypes.SsfStreamUpdated, $"{{\"status\":\"{status}\",\"reason\":\"Internal error\"}}");

        var updated = (await EventTokens.ValidateAsync(token)).ShouldBeAccepted().GetEvent<SsfStreamUpdatedEvent>()!;

        updated.Status.Should().Be(status);
        updated.Reason.Should().Be("Internal error");
    }

    [TestCase("{\"status\":5}")]
    [TestCase("{}")]
    [TestCase("{\"reason\":\"x\"}")]
    [TestCase("{\"status\":null}")]
    [TestCase("{\"status\":\"bogus\"}")]
    [TestCase("{\"status\":\"Enabled\"}")]
    [TestCase("{\"status\":\"\"}")]
    [TestCase("{\"status\":[\"enabled\"]}")]
    [TestCase("{\"status\":\"paused\",\"reason\":7}")]
    public async Task ValidateTokenAsync_StatusMissingOrInvalid_InvalidRequestSSF38(string payload)
    {
        var token = EventTokens.WithEvent(SecurityEventTypes.SsfStreamUpdated, payload);

        var error = (await EventTokens.ValidateAsync(token)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("stream-updated");
    }

    [Test]
    public async Task ValidateTokenAsync_BadStreamUpdatedInRfc8417Token_InvalidRequestSSF38()
    {
        // The registered model applies whatever the profile: a malformed known event is refused.
        var events = $"\"events\":{{\"{SecurityEventTypes.SsfStreamUpdated}\":{{\"status\":5}}}}";

        (await Some.ValidateAsync(Some.Hs256(Some.Payload(events, "events")))).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_SsfFigure47Example_AcceptedTyped()
    {
        var data = Support.Vectors.Named("ssf-fig47-stream-updated-set").Data;
        var parameters = new SecurityEventTokenValidationParameters
        {
            Profile = SecurityEventProfile.SharedSignals,
            ValidIssuers = [data.GetProperty("iss").GetString()!],
            ValidAudiences = [data.GetProperty("aud").GetString()!],
            SigningKeys = [Some.Symmetric(32)],
        };

        var accepted = (await Some.Handler().ValidateTokenAsync(RawToken.Sign(Some.Header(), data.GetRawText(), Some.HmacKey), parameters)).ShouldBeAccepted();

        accepted.GetEvent<SsfStreamUpdatedEvent>().Should().Be(new SsfStreamUpdatedEvent { Status = "paused", Reason = "Internal error" });
    }

    [Test]
    public void CreateToken_BogusStatus_ThrowsInvalidRequest()
    {
        var descriptor = Some.SharedSignalsDescriptor(new SsfStreamUpdatedEvent { Status = "bogus" });

        FluentActions.Invoking(() => Some.Handler().CreateToken(descriptor))
            .Should().Throw<SecurityEventTokenException>().Which.Error.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
    }

    [TestCase("{\"reason\":\"no status\"}")]
    [TestCase("{\"status\":\"bogus\"}")]
    [TestCase("{\"status\":1}")]
    public void CreateToken_UnknownEventForStreamUpdatedUriWithBadPayload_ThrowsInvalidRequest(string payload)
    {
        // A raw payload under a registered URI is judged by that type's model, as a receiver would judge it.
        var descriptor = Some.SharedSignalsDescriptor(Some.Event(SecurityEventTypes.SsfStreamUpdated, payload));

        FluentActions.Invoking(() => Some.Handler().CreateToken(descriptor))
            .Should().Throw<SecurityEventTokenException>().Which.Error.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
    }

    [Test]
    public async Task CreateToken_UnknownEventForStreamUpdatedUriWithGoodPayload_ReadBackTyped()
    {
        var descriptor = Some.SharedSignalsDescriptor(Some.Event(SecurityEventTypes.SsfStreamUpdated, "{\"status\":\"disabled\"}"));

        var accepted = (await EventTokens.ValidateAsync(Some.Handler().CreateToken(descriptor))).ShouldBeAccepted();

        accepted.GetEvent<SsfStreamUpdatedEvent>()!.Status.Should().Be("disabled");
    }
}
