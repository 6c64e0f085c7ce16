using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class AccountSubjectIdentifierTests
{
    [TestCase("acct:example.user@service.example.com")]
    [TestCase("ACCT:example.user@service.example.com")]
    [TestCase("acct:juliet%40capulet.example@shoppingsite.example")]
    [TestCase("acct:user@192.0.2.1")]
    [TestCase("acct:user@[2001:db8::1]")]
    [TestCase("acct:a!$&'()*+,;=~_-.b@host")]
    public void TryParse_AcctUri_ReadsTheUriSUB03(string uri)
    {
        var subject = SubjectJson.Valid($$"""{"format":"account","uri":"{{uri}}"}""");

        subject.Should().Be(new AccountSubjectIdentifier { Uri = uri });
    }

    [TestCase("mailto:user@example.com", TestName = "TryParse_AccountWithMailtoUri_FailsSUB03")]
    [TestCase("https://service.example.com/user", TestName = "TryParse_AccountWithHttpsUri_FailsSUB03")]
    [TestCase("example.user@service.example.com", TestName = "TryParse_AccountWithoutScheme_FailsSUB03")]
    [TestCase("acct:", TestName = "TryParse_AccountWithEmptyRest_FailsSUB03")]
    [TestCase("acct:@service.example.com", TestName = "TryParse_AccountWithEmptyUserPart_FailsSUB03")]
    [TestCase("acct:example.user@", TestName = "TryParse_AccountWithEmptyHost_FailsSUB03")]
    [TestCase("acct:example.user", TestName = "TryParse_AccountWithoutAt_FailsSUB03")]
    [TestCase("acct:a@b@c", TestName = "TryParse_AccountWithTwoAts_FailsSUB03")]
    [TestCase("acct:exa mple@host", TestName = "TryParse_AccountWithSpace_FailsSUB03")]
    [TestCase("acct:%41user@host", TestName = "TryParse_AccountUserPartStartingWithPercent_FailsSUB03")]
    [TestCase("acct:us%4g@host", TestName = "TryParse_AccountWithBadPercentEncoding_FailsSUB03")]
    [TestCase("acct:user@host:443", TestName = "TryParse_AccountWithPort_FailsSUB03")]
    [TestCase("acct:user@[]", TestName = "TryParse_AccountWithEmptyIPLiteral_FailsSUB03")]
    public void TryParse_NotAnAcctUri_FailsSUB03(string uri) =>
        SubjectJson.Invalid($$"""{"format":"account","uri":"{{uri}}"}""")
            .Should().Be("The 'account' subject identifier member 'uri' must be an 'acct:' URI (RFC 7565).");

    [Test]
    public void Uri_InvalidValue_ThrowsArgumentException()
    {
        var create = () => new AccountSubjectIdentifier { Uri = "user@example.com" };

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(AccountSubjectIdentifier.Uri));
    }

    [Test]
    public void WriteTo_Account_RoundTrips()
    {
        var subject = new AccountSubjectIdentifier { Uri = "acct:example.user@service.example.com" };

        SubjectJson.RoundTrip(subject).Should().Be(subject);
    }
}
