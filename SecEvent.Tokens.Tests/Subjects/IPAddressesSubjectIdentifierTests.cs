using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class IPAddressesSubjectIdentifierTests
{
    [TestCase("10.29.37.75")]
    [TestCase("0.0.0.0")]
    [TestCase("255.255.255.255")]
    [TestCase("2001:0db8:0000:0000:0000:8a2e:0370:7334")]
    [TestCase("2001:db8::8a2e:370:7334")]
    [TestCase("::1")]
    [TestCase("::")]
    [TestCase("::ffff:192.0.2.128")]
    [TestCase("FE80::1")]
    public void TryParse_IPv4OrIPv6Address_ReadsItSSF06(string address)
    {
        var subject = SubjectJson.Valid($$"""{"format":"ip-addresses","ip-addresses":["{{address}}"]}""");

        subject.Should().BeOfType<IPAddressesSubjectIdentifier>().Which.Addresses.Should().Equal(address);
    }

    [TestCase("1", TestName = "TryParse_IPv4AsSingleNumber_FailsSSF06")]
    [TestCase("10.1", TestName = "TryParse_IPv4WithTwoParts_FailsSSF06")]
    [TestCase("10.1.1", TestName = "TryParse_IPv4WithThreeParts_FailsSSF06")]
    [TestCase("10.1.1.1.1", TestName = "TryParse_IPv4WithFiveParts_FailsSSF06")]
    [TestCase("0x7f.1", TestName = "TryParse_IPv4InHex_FailsSSF06")]
    [TestCase("010.0.0.1", TestName = "TryParse_IPv4WithLeadingZero_FailsSSF06")]
    [TestCase("256.0.0.1", TestName = "TryParse_IPv4OctetAbove255_FailsSSF06")]
    [TestCase("10.0.0.", TestName = "TryParse_IPv4WithEmptyOctet_FailsSSF06")]
    [TestCase(" 10.0.0.1", TestName = "TryParse_IPv4WithSpace_FailsSSF06")]
    [TestCase("fe80::1%eth0", TestName = "TryParse_IPv6WithZone_FailsSSF06")]
    [TestCase("[2001:db8::1]", TestName = "TryParse_IPv6InBrackets_FailsSSF06")]
    [TestCase("2001:db8::g", TestName = "TryParse_IPv6WithNonHex_FailsSSF06")]
    [TestCase("1:2:3:4:5:6:7:8:9", TestName = "TryParse_IPv6WithNineGroups_FailsSSF06")]
    [TestCase("::ffff:010.0.0.1", TestName = "TryParse_IPv6WithOctalIPv4_FailsSSF06")]
    [TestCase("example.com", TestName = "TryParse_HostName_FailsSSF06")]
    public void TryParse_NotAnAddress_FailsSSF06(string address) =>
        SubjectJson.Invalid($$"""{"format":"ip-addresses","ip-addresses":["10.0.0.1","{{address}}"]}""")
            .Should().Be("The 'ip-addresses' subject identifier member 'ip-addresses' item 1 must be an IPv4 or IPv6 address (RFC 4001).");

    [TestCase("""[""]""")]
    [TestCase("""[null]""")]
    [TestCase("""[167772161]""")]
    [TestCase("""[["10.0.0.1"]]""")]
    public void TryParse_ItemNotANonEmptyString_FailsSSF06(string array) =>
        SubjectJson.Invalid($$"""{"format":"ip-addresses","ip-addresses":{{array}}}""")
            .Should().Be("The 'ip-addresses' subject identifier member 'ip-addresses' item 0 must be a non-empty JSON string.");

    [Test]
    public void TryParse_SeveralAddresses_KeepsTheirOrder() =>
        SubjectJson.Valid("""{"format":"ip-addresses","ip-addresses":["::1","10.0.0.1","::1"]}""")
            .Should().BeOfType<IPAddressesSubjectIdentifier>().Which.Addresses.Should().Equal("::1", "10.0.0.1", "::1");

    [Test]
    public void Equals_SameAddressInOtherNotation_IsNotEqual() =>
        new IPAddressesSubjectIdentifier { Addresses = ["2001:db8::1"] }
            .Should().NotBe(new IPAddressesSubjectIdentifier { Addresses = ["2001:0db8:0:0:0:0:0:1"] });

    [Test]
    public void Equals_SameAddresses_AreEqualWithEqualHashCodes()
    {
        var a = new IPAddressesSubjectIdentifier { Addresses = ["10.0.0.1", "::1"] };
        var b = SubjectJson.Valid("""{"format":"ip-addresses","ip-addresses":["10.0.0.1","::1"]}""");

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Test]
    public void Addresses_ListChangedAfterwards_DoesNotChangeTheIdentifier()
    {
        var list = new List<string> { "10.0.0.1" };
        var subject = new IPAddressesSubjectIdentifier { Addresses = list };

        list[0] = "10.0.0.2";

        subject.Addresses.Should().Equal("10.0.0.1");
    }

    [Test]
    public void Addresses_CannotBeCastBackAndChanged() =>
        new IPAddressesSubjectIdentifier { Addresses = ["10.0.0.1"] }.Addresses.Should().NotBeAssignableTo<string[]>();

    [TestCase("", TestName = "Addresses_EmptyList_ThrowsArgumentException")]
    [TestCase("10.1", TestName = "Addresses_ShortIPv4_ThrowsArgumentException")]
    [TestCase("10.0.0.1|", TestName = "Addresses_EmptyItem_ThrowsArgumentException")]
    public void Addresses_InvalidList_ThrowsArgumentException(string addresses)
    {
        var list = addresses.Length == 0 ? [] : addresses.Split('|');

        var create = () => new IPAddressesSubjectIdentifier { Addresses = list };

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(IPAddressesSubjectIdentifier.Addresses));
    }

    [Test]
    public void WriteTo_IPAddresses_WritesTheHyphenatedMember() =>
        SubjectJson.Write(new IPAddressesSubjectIdentifier { Addresses = ["10.29.37.75", "::1"] })
            .Should().Be("""{"format":"ip-addresses","ip-addresses":["10.29.37.75","::1"]}""");
}
