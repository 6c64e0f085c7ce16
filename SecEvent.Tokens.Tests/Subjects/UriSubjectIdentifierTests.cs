using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class UriSubjectIdentifierTests
{
    [TestCase("https://user.example.com/")]
    [TestCase("urn:uuid:4e851e98-83c4-4743-a5da-150ecb53042f")]
    [TestCase("mailto:user@example.com")]
    [TestCase("HTTPS://EXAMPLE.COM/A%2Fb?q=1#frag")]
    [TestCase("coap+tcp://[2001:db8::1]:5683/sensors")]
    [TestCase("tag:example.com,2024:users/42")]
    [TestCase("x:y")]
    public void TryParse_AbsoluteUri_ReadsTheUriSUB03(string uri)
    {
        var subject = SubjectJson.Valid($$"""{"format":"uri","uri":"{{uri}}"}""");

        subject.Should().Be(new UriSubjectIdentifier { Uri = uri });
    }

    [TestCase("/users/42", TestName = "TryParse_UriRelativeReference_FailsSUB03")]
    [TestCase("user.example.com", TestName = "TryParse_UriWithoutScheme_FailsSUB03")]
    [TestCase(":nothing", TestName = "TryParse_UriWithEmptyScheme_FailsSUB03")]
    [TestCase("1http://example.com", TestName = "TryParse_UriSchemeStartingWithDigit_FailsSUB03")]
    [TestCase("ht_tp://example.com", TestName = "TryParse_UriSchemeWithUnderscore_FailsSUB03")]
    [TestCase("urn:", TestName = "TryParse_UriWithNothingAfterScheme_FailsSUB03")]
    [TestCase("https://example.com/a b", TestName = "TryParse_UriWithSpace_FailsSUB03")]
    [TestCase("https://example.com/\\t", TestName = "TryParse_UriWithTab_FailsSUB03")]
    [TestCase("https://exämple.com/", TestName = "TryParse_UriWithNonAscii_FailsSUB03")]
    [TestCase("https://example.com/<x>", TestName = "TryParse_UriWithAngleBrackets_FailsSUB03")]
    [TestCase("https://example.com/%zz", TestName = "TryParse_UriWithBadPercentEncoding_FailsSUB03")]
    public void TryParse_NotAnAbsoluteUri_FailsSUB03(string uri) =>
        SubjectJson.Invalid($$"""{"format":"uri","uri":"{{uri}}"}""")
            .Should().Be("The 'uri' subject identifier member 'uri' must be an absolute URI (RFC 3986).");

    [Test]
    public void Uri_InvalidValue_ThrowsArgumentException()
    {
        var create = () => new UriSubjectIdentifier { Uri = "not a uri" };

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(UriSubjectIdentifier.Uri));
    }

    [Test]
    public void WriteTo_Uri_KeepsTheTextUnnormalised()
    {
        var subject = new UriSubjectIdentifier { Uri = "HTTPS://Example.COM:443/./a/../b" };

        SubjectJson.RoundTrip(subject).Should().BeOfType<UriSubjectIdentifier>().Which.Uri.Should().Be("HTTPS://Example.COM:443/./a/../b");
    }
}
