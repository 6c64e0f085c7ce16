using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class EmailSubjectIdentifierTests
{
    [TestCase("user@example.com")]
    [TestCase("user+qualifier@example.com")]
    [TestCase("first.last@sub.example.co.uk")]
    [TestCase("user@[192.0.2.1]")]
    [TestCase("üser@exämple.com")]
    [TestCase("x@y")]
    public void TryParse_AddrSpec_ReadsTheAddressSUB03(string email)
    {
        var subject = SubjectJson.Valid($$"""{"format":"email","email":"{{email}}"}""");

        subject.Should().Be(new EmailSubjectIdentifier { Email = email });
    }

    [TestCase("userexample.com", TestName = "TryParse_EmailWithoutAt_FailsSUB03")]
    [TestCase("@example.com", TestName = "TryParse_EmailWithEmptyLocalPart_FailsSUB03")]
    [TestCase("user@", TestName = "TryParse_EmailWithEmptyDomain_FailsSUB03")]
    [TestCase("a@b@example.com", TestName = "TryParse_EmailWithTwoAts_FailsSUB03")]
    [TestCase("user @example.com", TestName = "TryParse_EmailWithSpace_FailsSUB03")]
    [TestCase("user@example.com\\n", TestName = "TryParse_EmailWithNewLine_FailsSUB03")]
    [TestCase("user@exa\\tmple.com", TestName = "TryParse_EmailWithTab_FailsSUB03")]
    [TestCase("<user@example.com>", TestName = "TryParse_EmailInAngleBrackets_FailsSUB03")]
    public void TryParse_NotAnAddrSpec_FailsSUB03(string email) =>
        SubjectJson.Invalid($$"""{"format":"email","email":"{{email}}"}""")
            .Should().Be("The 'email' subject identifier member 'email' must be an e-mail address (addr-spec).");

    [Test]
    public void TryParse_EmailWithoutEmailMember_FailsSUB03() =>
        SubjectJson.Invalid("""{"format":"email"}""")
            .Should().Be("The 'email' subject identifier requires a non-empty string member 'email'.");

    [Test]
    public void TryParse_MailtoUriMemberInsteadOfEmail_FailsSUB03() =>
        SubjectJson.Invalid("""{"format":"email","uri":"mailto:user@example.com"}""").Should().Contain("'uri'");

    [TestCase("")]
    [TestCase("no-at-sign")]
    [TestCase("user@example.com ")]
    public void Email_InvalidValue_ThrowsArgumentException(string email)
    {
        var create = () => new EmailSubjectIdentifier { Email = email };

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(EmailSubjectIdentifier.Email));
    }

    [Test]
    public void Email_UnpairedSurrogate_ThrowsArgumentException()
    {
        // Built in code: an attribute argument cannot carry an unpaired surrogate.
        var email = "\ud800@example.com";

        var create = () => new EmailSubjectIdentifier { Email = email };

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(EmailSubjectIdentifier.Email));
    }

    [Test]
    public void Email_Null_ThrowsArgumentNullException()
    {
        var create = () => new EmailSubjectIdentifier { Email = null! };

        create.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void Format_Always_IsEmail() =>
        new EmailSubjectIdentifier { Email = "a@b" }.Format.Should().Be(SubjectIdentifierFormats.Email);

    [Test]
    public void WriteTo_Email_RoundTrips()
    {
        var subject = new EmailSubjectIdentifier { Email = "üser+tag@example.com" };

        SubjectJson.RoundTrip(subject).Should().Be(subject);
    }
}
