using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Logout;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Logout;

/// <summary><see cref="BackChannelLogoutEvent"/>: the typed <c>events</c> member of a Logout Token (§2.4).</summary>
public class BackChannelLogoutEventTests
{
    [Test]
    public void Default_Registry_HoldsTheLogoutEventBCL03()
    {
        SecurityEventTypeRegistry.Default.TryGetModelType(SecurityEventTypes.BackChannelLogout, out var model).Should().BeTrue();
        model.Should().Be<BackChannelLogoutEvent>();
        new BackChannelLogoutEvent().EventType.Should().Be("http://schemas.openid.net/event/backchannel-logout");
    }

    [Test]
    public async Task ValidateTokenAsync_SetWithLogoutEvent_ReadAsTypedBCL03()
    {
        var descriptor = Some.LogoutDescriptor();

        var accepted = (await Some.Handler().ValidateTokenAsync(Some.Handler().CreateToken(descriptor),
            Some.HmacParameters(p => p.Profile = SecurityEventProfile.BackChannelLogout))).ShouldBeAccepted();

        accepted.Events.Should().ContainSingle().Which.Should().BeOfType<BackChannelLogoutEvent>()
            .Which.AdditionalMembers.Should().BeNull();
    }

    [Test]
    public async Task CreateToken_EventWithUnknownMembers_KeptOnRoundTripBCL03()
    {
        var sent = new BackChannelLogoutEvent
        {
            AdditionalMembers = new Dictionary<string, JsonElement> { ["note"] = JsonElement.Parse("{\"a\":1}") },
        };
        var descriptor = Some.LogoutDescriptor();
        descriptor.Events = [sent];

        var accepted = (await Some.Handler().ValidateTokenAsync(Some.Handler().CreateToken(descriptor),
            Some.HmacParameters(p => p.Profile = SecurityEventProfile.BackChannelLogout))).ShouldBeAccepted();

        var received = accepted.GetEvent<BackChannelLogoutEvent>()!;
        received.AdditionalMembers!["note"].GetRawText().Should().Be("{\"a\":1}");
    }

    [TestCase("[]")]
    [TestCase("\"{}\"")]
    [TestCase("1")]
    public void UnknownSecurityEvent_LogoutPayloadNotAnObject_RefusedBCL03(string payload)
    {
        FluentActions.Invoking(() => new UnknownSecurityEvent(SecurityEventTypes.BackChannelLogout, JsonElement.Parse(payload)))
            .Should().Throw<ArgumentException>();
    }
}
