using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class DidSubjectIdentifierTests
{
    [TestCase("did:example:123456")]
    [TestCase("did:example:123456/did/url/path?versionId=1")]
    [TestCase("did:web:example.com%3A8443:user:alice")]
    [TestCase("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6Mkha")]
    [TestCase("did:example:abc?service=files&relativeRef=/a/b")]
    [TestCase("did:ex4mple:a.b-c_d")]
    public void TryParse_DidOrDidUrl_ReadsTheUrlSUB03(string url)
    {
        var subject = SubjectJson.Valid($$"""{"format":"did","url":"{{url}}"}""");

        subject.Should().Be(new DidSubjectIdentifier { Url = url });
    }

    [TestCase("example:123456", TestName = "TryParse_DidWithoutScheme_FailsSUB03")]
    [TestCase("DID:example:123456", TestName = "TryParse_DidWithUpperCaseScheme_FailsSUB03")]
    [TestCase("did:Example:123456", TestName = "TryParse_DidWithUpperCaseMethod_FailsSUB03")]
    [TestCase("did::123456", TestName = "TryParse_DidWithEmptyMethod_FailsSUB03")]
    [TestCase("did:example", TestName = "TryParse_DidWithoutMethodSpecificId_FailsSUB03")]
    [TestCase("did:example:", TestName = "TryParse_DidWithEmptyMethodSpecificId_FailsSUB03")]
    [TestCase("did:example:abc:", TestName = "TryParse_DidEndingWithColon_FailsSUB03")]
    [TestCase("did:example:/path", TestName = "TryParse_DidWithPathButNoId_FailsSUB03")]
    [TestCase("did:example:ab~c", TestName = "TryParse_DidWithTildeInId_FailsSUB03")]
    [TestCase("did:example:12 34", TestName = "TryParse_DidWithSpace_FailsSUB03")]
    [TestCase("did:example:12%3", TestName = "TryParse_DidWithBadPercentEncoding_FailsSUB03")]
    [TestCase("did:example:1/a b", TestName = "TryParse_DidUrlWithSpaceInPath_FailsSUB03")]
    [TestCase("did:example:1#a#b", TestName = "TryParse_DidUrlWithTwoFragments_FailsSUB03")]
    [TestCase("did:ex-ample:1", TestName = "TryParse_DidWithHyphenInMethod_FailsSUB03")]
    public void TryParse_NotADid_FailsSUB03(string url) =>
        SubjectJson.Invalid($$"""{"format":"did","url":"{{url}}"}""")
            .Should().Be("The 'did' subject identifier member 'url' must be a DID or DID URL.");

    [Test]
    public void TryParse_UpperCaseUrlMember_FailsSUB12() =>
        SubjectJson.Invalid("""{"format":"did","URL":"did:example:123456"}""").Should().Contain("'URL'");

    [Test]
    public void Url_InvalidValue_ThrowsArgumentException()
    {
        var create = () => new DidSubjectIdentifier { Url = "https://example.com" };

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(DidSubjectIdentifier.Url));
    }

    [Test]
    public void WriteTo_Did_WritesLowerCaseUrlMemberSUB12() =>
        SubjectJson.Write(new DidSubjectIdentifier { Url = "did:example:123456" })
            .Should().Be("""{"format":"did","url":"did:example:123456"}""");
}
