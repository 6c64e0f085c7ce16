using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class IssuerSubjectIdentifierTests
{
    [Test]
    public void TryParse_IssAndSub_ReadsBothSUB03()
    {
        var subject = SubjectJson.Valid("""{"format":"iss_sub","iss":"https://issuer.example.com/","sub":"145234573"}""");

        subject.Should().Be(new IssuerSubjectIdentifier { Issuer = "https://issuer.example.com/", Subject = "145234573" });
    }

    [Test]
    public void TryParse_IssuerThatIsNotAUrl_IsAcceptedSUB10() =>
        SubjectJson.Valid("""{"format":"iss_sub","iss":"issuer.example.com","sub":"example_user"}""")
            .Should().BeOfType<IssuerSubjectIdentifier>().Which.Issuer.Should().Be("issuer.example.com");

    [Test]
    public void TryParse_IssuerMemberSpelledOut_FailsSUB03() =>
        SubjectJson.Invalid("""{"format":"iss_sub","issuer":"https://issuer.example.com/","sub":"1"}""").Should().Contain("'issuer'");

    [Test]
    public void Issuer_Empty_ThrowsArgumentException()
    {
        var create = () => new IssuerSubjectIdentifier { Issuer = "", Subject = "1" };

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(IssuerSubjectIdentifier.Issuer));
    }

    [Test]
    public void Subject_Empty_ThrowsArgumentException()
    {
        var create = () => new IssuerSubjectIdentifier { Issuer = "https://issuer.example.com/", Subject = "" };

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(IssuerSubjectIdentifier.Subject));
    }

    [Test]
    public void Equals_SwappedValues_AreNotEqual() =>
        new IssuerSubjectIdentifier { Issuer = "a", Subject = "b" }.Should().NotBe(new IssuerSubjectIdentifier { Issuer = "b", Subject = "a" });
}
