using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Jose;

namespace SecEvent.Tokens.Tests.Jose;

/// <summary>The absolute-URI check behind SET-01 (event identifiers are URIs, RFC 8417 §1.2).</summary>
public class UriSyntaxTests
{
    [TestCase("https://schemas.openid.net/secevent/ssf/event-type/verification")]
    [TestCase("http://schemas.openid.net/event/backchannel-logout")]
    [TestCase("urn:ietf:params:scim:event:prov:create:full")]
    [TestCase("tag:example.com,2026:e")]
    [TestCase("a:b")]
    [TestCase("x-y+z.1:rest")]
    [TestCase("https://example.com/é")]
    public void IsAbsoluteUri_AbsoluteUri_True(string value)
    {
        UriSyntax.IsAbsoluteUri(value).Should().BeTrue();
    }

    [TestCase("")]
    [TestCase("event-type")]
    [TestCase(":rest")]
    [TestCase("https:")]
    [TestCase("1abc:rest")]
    [TestCase("ht_tp://example.com")]
    [TestCase("https://example.com/a b")]
    [TestCase("https://example.com/\t")]
    [TestCase("https://example.com/\u007f")]
    [TestCase("https://example.com/\u00a0")]
    [TestCase("/relative/path")]
    public void IsAbsoluteUri_NotAnAbsoluteUri_False(string value)
    {
        UriSyntax.IsAbsoluteUri(value).Should().BeFalse();
    }
}
