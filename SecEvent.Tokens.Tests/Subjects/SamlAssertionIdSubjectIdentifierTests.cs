using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class SamlAssertionIdSubjectIdentifierTests
{
    [Test]
    public void TryParse_IssuerAndAssertionId_ReadsBothSSF06()
    {
        var subject = SubjectJson.Valid(
            """{"format":"saml_assertion_id","issuer":"https://idp.example.com/123456789/","assertion_id":"_8e8dc5f69a98cc4c1ff3427e5ce34606fd672f91e6"}""");

        subject.Should().Be(new SamlAssertionIdSubjectIdentifier
        {
            Issuer = "https://idp.example.com/123456789/",
            AssertionId = "_8e8dc5f69a98cc4c1ff3427e5ce34606fd672f91e6",
        });
    }

    [Test]
    public void TryParse_IssInsteadOfIssuer_FailsSSF06() =>
        SubjectJson.Invalid("""{"format":"saml_assertion_id","iss":"https://idp.example.com/","assertion_id":"_1"}""").Should().Contain("'iss'");

    [Test]
    public void AssertionId_Empty_ThrowsArgumentException()
    {
        var create = () => new SamlAssertionIdSubjectIdentifier { Issuer = "https://idp.example.com/", AssertionId = "" };

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(SamlAssertionIdSubjectIdentifier.AssertionId));
    }

    [Test]
    public void WriteTo_SamlAssertionId_WritesIssuerAndAssertionId() =>
        SubjectJson.Write(new SamlAssertionIdSubjectIdentifier { Issuer = "https://idp.example.com/", AssertionId = "_1" })
            .Should().Be("""{"format":"saml_assertion_id","issuer":"https://idp.example.com/","assertion_id":"_1"}""");
}
