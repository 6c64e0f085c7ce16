using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class JwtIdSubjectIdentifierTests
{
    [Test]
    public void TryParse_IssAndJti_ReadsBothSSF06()
    {
        var subject = SubjectJson.Valid(
            """{"format":"jwt_id","iss":"https://idp.example.com/123456789/","jti":"B70BA622-9515-4353-A866-823539EECBC8"}""");

        subject.Should().Be(new JwtIdSubjectIdentifier
        {
            Issuer = "https://idp.example.com/123456789/",
            JwtId = "B70BA622-9515-4353-A866-823539EECBC8",
        });
    }

    [Test]
    public void TryParse_HyphenatedDraftFormatName_ReadsUnknownFormatSSF06() =>
        SubjectJson.Valid("""{"format":"jwt-id","iss":"https://idp.example.com/","jti":"1"}""").Should().BeOfType<UnknownSubjectIdentifier>();

    [Test]
    public void TryParse_SubInsteadOfJti_FailsSSF06() =>
        SubjectJson.Invalid("""{"format":"jwt_id","iss":"https://idp.example.com/","sub":"1"}""").Should().Contain("'sub'");

    [Test]
    public void JwtId_Empty_ThrowsArgumentException()
    {
        var create = () => new JwtIdSubjectIdentifier { Issuer = "https://idp.example.com/", JwtId = "" };

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(JwtIdSubjectIdentifier.JwtId));
    }

    [Test]
    public void WriteTo_JwtId_WritesIssAndJti() =>
        SubjectJson.Write(new JwtIdSubjectIdentifier { Issuer = "https://idp.example.com/", JwtId = "1" })
            .Should().Be("""{"format":"jwt_id","iss":"https://idp.example.com/","jti":"1"}""");
}
