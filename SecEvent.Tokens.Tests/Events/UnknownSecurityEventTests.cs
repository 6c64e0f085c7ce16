using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Events;

public class UnknownSecurityEventTests
{
    [Test]
    public async Task ValidateTokenAsync_UnregisteredEventType_UnknownEventWithRawPayload()
    {
        const string Type = "https://example.com/event-type/account-frozen";
        const string Payload = "{\"event_timestamp\":1615304991643,\"reason_admin\":{\"en\":\"Policy Violation\"},\"x\":[1,2.50]}";

        var accepted = (await EventTokens.ValidateAsync(EventTokens.WithEvent(Type, Payload))).ShouldBeAccepted();

        var unknown = accepted.Events.Should().ContainSingle().Which.Should().BeOfType<UnknownSecurityEvent>().Subject;
        unknown.EventType.Should().Be(Type);
        unknown.Payload.GetRawText().Should().Be(Payload);
        accepted.GetEvent<UnknownSecurityEvent>().Should().BeSameAs(unknown);
        accepted.GetEvent<SsfVerificationEvent>().Should().BeNull();
    }

    [Test]
    public async Task ValidateTokenAsync_SeveralEvents_KeptInOrderWithTheirTypes()
    {
        var events = $"\"events\":{{\"urn:example:z\":{{}},\"{SecurityEventTypes.SsfVerification}\":{{}},\"urn:example:a\":{{\"k\":1}}}}";
        var token = Some.Hs256(Some.Payload($"{EventTokens.OpaqueSubId},{events}", "events"));

        var accepted = (await EventTokens.ValidateAsync(token)).ShouldBeAccepted();

        accepted.Events.Select(e => e.EventType).Should().Equal("urn:example:z", SecurityEventTypes.SsfVerification, "urn:example:a");
        accepted.Events.Select(e => e.GetType()).Should().Equal(typeof(UnknownSecurityEvent), typeof(SsfVerificationEvent), typeof(UnknownSecurityEvent));
    }

    [TestCase("[]")]
    [TestCase("null")]
    [TestCase("\"text\"")]
    public void Constructor_PayloadNotAnObject_ThrowsArgumentExceptionSET02(string payload)
    {
        FluentActions.Invoking(() => new UnknownSecurityEvent(Some.EventType, JsonElement.Parse(payload))).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Constructor_EmptyEventType_ThrowsArgumentException()
    {
        FluentActions.Invoking(() => new UnknownSecurityEvent(string.Empty, JsonElement.Parse("{}"))).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Equals_SameTypeAndEquivalentPayload_Equal()
    {
        var a = Some.Event(payload: "{\"a\":1,\"b\":[true]}");
        var b = Some.Event(payload: "{\"b\":[true],\"a\":1.0}");

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Should().NotBe(Some.Event(payload: "{\"a\":2,\"b\":[true]}"));
        a.Should().NotBe(Some.Event("urn:example:other", "{\"a\":1,\"b\":[true]}"));
    }
}
