using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;

namespace SecEvent.Tokens.Tests.Events;

public class EventRulesTests
{
    [TestCase("en")]
    [TestCase("de")]
    [TestCase("es-410")]
    [TestCase("zh-Hant-TW")]
    [TestCase("sr-Latn-RS")]
    [TestCase("x-private")]
    public void IsLanguageTag_WellFormed_True(string tag) => EventRules.IsLanguageTag(tag).Should().BeTrue();

    [TestCase("")]
    [TestCase(null)]
    [TestCase("-en")]
    [TestCase("en-")]
    [TestCase("en--US")]
    [TestCase("1en")]
    [TestCase("en US")]
    [TestCase("en_US")]
    [TestCase("toolongsubtag")]
    [TestCase("é")]
    public void IsLanguageTag_Malformed_False(string? tag) => EventRules.IsLanguageTag(tag).Should().BeFalse();

    [TestCase("https://schemas.openid.net/secevent/caep/event-type/session-revoked", "session-revoked")]
    [TestCase("urn:ietf:params:scim:event:prov:create:full", "urn:ietf:params:scim:event:prov:create:full")]
    public void Name_EventType_ShortForMessages(string eventType, string name) => EventRules.Name(eventType).Should().Be(name);
}
