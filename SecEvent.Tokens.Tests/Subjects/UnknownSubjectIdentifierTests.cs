using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class UnknownSubjectIdentifierTests
{
    [Test]
    public void TryParse_SsfFigure13ProprietaryFormat_KeepsFormatAndMembersSSF05()
    {
        var subject = SubjectJson.Valid("""{"format":"catalog_item","catalog_id":"c0384/winter/2354122"}""");

        var unknown = subject.Should().BeOfType<UnknownSubjectIdentifier>().Which;
        unknown.Format.Should().Be("catalog_item");
        unknown.Members.GetProperty("catalog_id").GetString().Should().Be("c0384/winter/2354122");
        unknown.Members.TryGetProperty("format", out _).Should().BeFalse();
    }

    [Test]
    public void TryParse_ScimFormatWithNestedValues_RoundTripsWithoutLoss()
    {
        const string json = """{"format":"scim","uri":"/Users/2b2f","externalId":"jdoe","n":1.50,"flags":[true,null,{"a":[]}]}""";

        var subject = SubjectJson.Valid(json);

        JsonElement.DeepEquals(SubjectJson.Element(SubjectJson.Write(subject)), SubjectJson.Element(json)).Should().BeTrue();
        SubjectJson.RoundTrip(subject).Should().Be(subject);
    }

    [Test]
    public void TryParse_UnknownFormatWithoutOtherMembers_IsAccepted() =>
        SubjectJson.Valid("""{"format":"urn:example:format"}""").Should().BeOfType<UnknownSubjectIdentifier>();

    [Test]
    public void TryParse_RepeatedMember_Fails() =>
        SubjectJson.Invalid("""{"format":"catalog_item","id":1,"id":2}""").Should().Contain("'id' more than once");

    [Test]
    public void Constructor_ValidArguments_CopiesTheMembers()
    {
        JsonElement members;
        using (var document = JsonDocument.Parse("""{"catalog_id":"c0384"}"""))
        {
            var subject = new UnknownSubjectIdentifier("catalog_item", document.RootElement);
            members = subject.Members;
        }

        members.GetProperty("catalog_id").GetString().Should().Be("c0384");
    }

    [Test]
    public void Constructor_ValidArguments_EqualsTheParsedIdentifier() =>
        new UnknownSubjectIdentifier("catalog_item", SubjectJson.Element("""{"catalog_id":"c0384"}"""))
            .Should().Be(SubjectJson.Valid("""{"catalog_id":"c0384","format":"catalog_item"}"""));

    [TestCase("")]
    [TestCase("email")]
    [TestCase("complex")]
    [TestCase("phone")]
    [TestCase("iss-sub")]
    public void Constructor_ModelledLegacyOrEmptyFormat_ThrowsArgumentException(string format)
    {
        var create = () => new UnknownSubjectIdentifier(format, SubjectJson.Element("{}"));

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("format");
    }

    [TestCase("[]")]
    [TestCase("""{"format":"x"}""")]
    [TestCase("""{"a":1,"a":2}""")]
    [TestCase("""{"a":"\ud800"}""")]
    public void Constructor_BadMembers_ThrowsArgumentException(string members)
    {
        var create = () => new UnknownSubjectIdentifier("catalog_item", SubjectJson.Element(members));

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("members");
    }

    [Test]
    public void Equals_MembersInOtherOrderOrNumberSpelling_AreEqualWithEqualHashCodes()
    {
        var a = SubjectJson.Valid("""{"format":"x","a":1,"b":"two"}""");
        var b = SubjectJson.Valid("""{"b":"two","a":1.0,"format":"x"}""");

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Test]
    public void Equals_OtherFormatName_AreNotEqual() =>
        SubjectJson.Valid("""{"format":"x","a":1}""").Should().NotBe(SubjectJson.Valid("""{"format":"y","a":1}"""));
}
