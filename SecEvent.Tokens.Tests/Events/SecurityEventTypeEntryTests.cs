using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Events;

/// <summary>Reading and writing registered event types: members the record does not declare survive (SSF-15).</summary>
public class SecurityEventTypeEntryTests
{
    [Test]
    public async Task ValidateTokenAsync_TypedEventWithUnknownMembers_KeptInAdditionalMembersSSF15()
    {
        var token = EventTokens.WithEvent(SecurityEventTypes.SsfVerification, "{\"state\":\"s\",\"x-num\":1.50,\"x-obj\":{\"a\":[true,null]}}");

        var verification = (await EventTokens.ValidateAsync(token)).ShouldBeAccepted().GetEvent<SsfVerificationEvent>()!;

        verification.State.Should().Be("s");
        verification.AdditionalMembers.Should().NotBeNull();
        verification.AdditionalMembers!.Keys.Should().Equal("x-num", "x-obj");
        verification.AdditionalMembers["x-obj"].GetRawText().Should().Be("{\"a\":[true,null]}");
    }

    [TestCase(SecurityEventTypes.SsfVerification, "{\"state\":\"s\",\"x-num\":1.50,\"x-obj\":{\"a\":[true,null]}}")]
    [TestCase(SecurityEventTypes.SsfStreamUpdated, "{\"status\":\"paused\",\"x-when\":1767225600,\"reason\":\"r\"}")]
    [TestCase(SecurityEventTypes.SsfVerification, "{\"State\":\"upper-case twin\",\"state\":\"s\"}")]
    public async Task FromToken_TypedEventWithUnknownMembers_WrittenBackUnchangedSSF15(string eventType, string payload)
    {
        var first = (await EventTokens.ValidateAsync(EventTokens.WithEvent(eventType, payload))).ShouldBeAccepted();

        var second = await RecreateAsync(first);

        JsonElement.DeepEquals(second.Payload, first.Payload).Should().BeTrue(second.Payload.GetRawText());
        second.Events[0].GetType().Should().Be(first.Events[0].GetType());
    }

    [TestCase("EventType")]
    [TestCase("AdditionalMembers")]
    public async Task FromToken_TypedEventWithMemberNamedLikeIgnoredProperty_WrittenBackUnchangedSSF15(string member)
    {
        // These names are C# properties ignored for JSON, so in a payload they are unknown members like any other.
        var first = (await EventTokens.ValidateAsync(EventTokens.WithEvent(SecurityEventTypes.SsfVerification, $"{{\"state\":\"s\",\"{member}\":1}}"))).ShouldBeAccepted();

        first.GetEvent<SsfVerificationEvent>()!.AdditionalMembers.Should().ContainKey(member);
        var second = await RecreateAsync(first);
        JsonElement.DeepEquals(second.Payload, first.Payload).Should().BeTrue(second.Payload.GetRawText());
    }

    [Test]
    public void CreateToken_AdditionalMemberNamedLikeDeclaredMember_ThrowsArgumentException()
    {
        // Writing both would repeat "state" in the payload, which every strict receiver refuses.
        var verification = new SsfVerificationEvent
        {
            State = "s",
            AdditionalMembers = new Dictionary<string, JsonElement> { ["state"] = JsonElement.Parse("\"other\"") },
        };

        FluentActions.Invoking(() => Some.Handler().CreateToken(Some.SharedSignalsDescriptor(verification))).Should().Throw<ArgumentException>();
    }

    [Test]
    public async Task CreateToken_TypedEventWithAdditionalMembers_WrittenAfterDeclaredOnes()
    {
        var verification = new SsfVerificationEvent
        {
            State = "s",
            AdditionalMembers = new Dictionary<string, JsonElement> { ["x-extra"] = JsonElement.Parse("[1]") },
        };

        var token = Some.Handler().CreateToken(Some.SharedSignalsDescriptor(verification));
        var accepted = (await EventTokens.ValidateAsync(token)).ShouldBeAccepted();

        accepted.Payload.GetProperty("events").GetProperty(SecurityEventTypes.SsfVerification).GetRawText().Should().Be("{\"state\":\"s\",\"x-extra\":[1]}");
    }

    private static async Task<SecurityEventToken> RecreateAsync(SecurityEventToken token)
    {
        var descriptor = SecurityEventTokenDescriptor.FromToken(token);
        descriptor.Profile = SecurityEventProfile.SharedSignals;
        descriptor.SigningCredentials = Some.Credentials("HS256");
        return (await EventTokens.ValidateAsync(Some.Handler().CreateToken(descriptor))).ShouldBeAccepted();
    }
}
