using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class ScimSubjectIdentifierTests
{
    private static IEnumerable<TestCaseData> VectorSubIds() =>
        Support.Vectors.OfKind("set-payload")
            .Where(v => v.Name.StartsWith("scim-events-", StringComparison.Ordinal) && v.Data.ValueKind == JsonValueKind.Object && v.Data.TryGetProperty("sub_id", out _))
            .Select(v => new TestCaseData(v.Data.GetProperty("sub_id")).SetArgDisplayNames(v.Name));

    [Test]
    public void VectorSubIds_AreAllPresent() => VectorSubIds().Should().HaveCount(17);

    [TestCaseSource(nameof(VectorSubIds))]
    public void TryParse_VectorSubId_ParsesWritesBackAndReparsesEqualSCIM02(JsonElement subId)
    {
        var subject = SubjectIdentifier.Parse(subId).Should().BeOfType<ScimSubjectIdentifier>().Subject;

        JsonElement.DeepEquals(SubjectJson.Element(SubjectJson.Write(subject)), subId).Should().BeTrue(SubjectJson.Write(subject));
        SubjectJson.RoundTrip(subject).Should().Be(subject);
        subject.Uri.Should().Be(subId.GetProperty("uri").GetString());
    }

    [Test]
    public void TryParse_Figure1_ReadsUriAndExternalIdSCIM02()
    {
        var subject = SubjectJson.Valid("""{"format":"scim","uri":"/Users/2b2f880af6674ac284bae9381673d462","externalId":"alice@example.com"}""");

        subject.Should().Be(new ScimSubjectIdentifier { Uri = "/Users/2b2f880af6674ac284bae9381673d462", ExternalId = "alice@example.com" });
        ((ScimSubjectIdentifier)subject).Id.Should().BeNull();
        ((ScimSubjectIdentifier)subject).AdditionalMembers.GetPropertyCount().Should().Be(0);
    }

    [Test]
    public void TryParse_IdAndUniqueAttributes_KeptAndWrittenBackUnchangedSCIM02()
    {
        const string json = """{"format":"scim","uri":"/Users/2819c223","id":"2819c223","userName":"bjensen","emails":[{"value":"bjensen@example.com","primary":true}],"n":1.50}""";

        var subject = (ScimSubjectIdentifier)SubjectJson.Valid(json);

        subject.Id.Should().Be("2819c223");
        subject.AdditionalMembers.EnumerateObject().Select(p => p.Name).Should().Equal("userName", "emails", "n");
        SubjectJson.Write(subject).Should().Be(json);
        SubjectJson.RoundTrip(subject).Should().Be(subject);
    }

    [Test]
    public void TryParse_UriMissing_FailsNamingUriSCIM02() =>
        SubjectJson.Invalid("""{"format":"scim","externalId":"jdoe"}""").Should().Be("The 'scim' subject identifier requires a non-empty string member 'uri'.");

    [TestCase("""{"format":"scim","uri":null}""", "null")]
    [TestCase("""{"format":"scim","uri":""}""", "empty")]
    [TestCase("""{"format":"scim","uri":42}""", "JSON string")]
    [TestCase("""{"format":"scim","uri":"/Users/1","externalId":null}""", "'externalId' must not be null")]
    [TestCase("""{"format":"scim","uri":"/Users/1","externalId":""}""", "'externalId' must not be empty")]
    [TestCase("""{"format":"scim","uri":"/Users/1","id":7}""", "'id' must be a JSON string")]
    [TestCase("""{"format":"scim","uri":"/Users/1","uri":"/Users/2"}""", "'uri' more than once")]
    [TestCase("""{"format":"scim","uri":"/Users/1","id":"1","id":"1"}""", "'id' more than once")]
    [TestCase("""{"format":"scim","uri":"/Users/1","userName":"a","userName":"b"}""", "'userName' more than once")]
    [TestCase("""{"format":"scim","uri":"/Users/1","format":"scim"}""", "'format' more than once")]
    public void TryParse_MemberOfTheWrongShape_FailsSCIM02(string json, string expected) =>
        SubjectJson.Invalid(json).Should().Contain("'scim'").And.Contain(expected);

    [TestCase("https://scim.example.com/Users/1")]
    [TestCase("Users/1")]
    [TestCase("//scim.example.com/Users/1")]
    [TestCase("/")]
    [TestCase("/Users/a b")]
    [TestCase("/Users/1?attributes=userName")]
    [TestCase("/Users/1#x")]
    [TestCase("/Users/%zz")]
    [TestCase("/Users/ü")]
    public void TryParse_UriNotARelativeResourcePath_FailsSCIM02(string uri)
    {
        var error = SubjectJson.Invalid(JsonSerializer.Serialize(new { format = "scim", uri }));

        error.Should().StartWith("The 'scim' subject identifier member 'uri' must be a SCIM resource path");
    }

    [Test]
    public void TryParse_MalformedUri_ErrorDoesNotRepeatTheValue() =>
        SubjectJson.Invalid("""{"format":"scim","uri":"https://secret.example.com/Users/1"}""").Should().NotContain("secret");

    [TestCase("/Users/2819c223-7f76-453a-919d-413861904646")]
    [TestCase("/Groups/176f397ec4c44b94b2cfcb759780b8c2")]
    [TestCase("/Users/2819c223...413861904646")]
    [TestCase("/Devices/a%2Fb")]
    public void TryParse_RelativeResourcePath_SucceedsSCIM02(string uri) =>
        SubjectJson.Valid(JsonSerializer.Serialize(new { format = "scim", uri })).Should().Be(new ScimSubjectIdentifier { Uri = uri });

    [Test]
    public void Uri_InvalidValue_ThrowsArgumentException() =>
        FluentActions.Invoking(() => new ScimSubjectIdentifier { Uri = "https://scim.example.com/Users/1" })
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(ScimSubjectIdentifier.Uri));

    [Test]
    public void ExternalId_Empty_ThrowsArgumentException() =>
        FluentActions.Invoking(() => new ScimSubjectIdentifier { Uri = "/Users/1", ExternalId = "" })
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(ScimSubjectIdentifier.ExternalId));

    [TestCase("""{"uri":"/Users/2"}""")]
    [TestCase("""{"format":"scim"}""")]
    [TestCase("""{"id":"1"}""")]
    [TestCase("""{"externalId":"x"}""")]
    [TestCase("""{"a":1,"a":2}""")]
    [TestCase("""["userName"]""")]
    public void AdditionalMembers_InvalidObject_ThrowsArgumentException(string members) =>
        FluentActions.Invoking(() => new ScimSubjectIdentifier { Uri = "/Users/1", AdditionalMembers = SubjectJson.Element(members) })
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(ScimSubjectIdentifier.AdditionalMembers));

    [Test]
    public void AdditionalMembers_GivenInCode_AreCopiedAndEqualTheParsedIdentifier()
    {
        ScimSubjectIdentifier built;
        using (var document = JsonDocument.Parse("""{"userName":"bjensen"}"""))
        {
            built = new ScimSubjectIdentifier { Uri = "/Users/1", AdditionalMembers = document.RootElement };
        }

        built.Should().Be(SubjectJson.Valid("""{"userName":"bjensen","uri":"/Users/1","format":"scim"}"""));
        built.GetHashCode().Should().Be(SubjectJson.Valid("""{"format":"scim","uri":"/Users/1","userName":"bjensen"}""").GetHashCode());
    }

    [Test]
    public void Equals_DifferentAdditionalMembers_AreNotEqual()
    {
        var plain = SubjectJson.Valid("""{"format":"scim","uri":"/Users/1"}""");

        plain.Should().NotBe(SubjectJson.Valid("""{"format":"scim","uri":"/Users/1","userName":"bjensen"}"""));
        plain.Should().NotBe(SubjectJson.Valid("""{"format":"scim","uri":"/Users/1","id":"1"}"""));
        plain.Matches(SubjectJson.Valid("""{"format":"scim","uri":"/Users/1","externalId":"jdoe"}""")).Should().BeFalse();
    }

    [Test]
    public void Matches_EqualScimSubjects_MatchInBothDirectionsSCIM02()
    {
        var added = SubjectJson.Valid("""{"format":"scim","uri":"/Users/1","externalId":"jdoe"}""");
        var fromEvent = SubjectJson.Valid("""{"externalId":"jdoe","uri":"/Users/1","format":"scim"}""");

        added.Matches(fromEvent).Should().BeTrue();
        fromEvent.Matches(added).Should().BeTrue();
        added.Matches(new UriSubjectIdentifier { Uri = "https://scim.example.com/Users/1" }).Should().BeFalse();
    }

    [Test]
    public void TryParse_InsideAliases_ReadsTheScimFormat() =>
        SubjectJson.Valid("""{"format":"aliases","identifiers":[{"format":"scim","uri":"/Users/1"},{"format":"email","email":"a@example.com"}]}""")
            .Should().BeOfType<AliasesSubjectIdentifier>().Which.Identifiers[0].Should().BeOfType<ScimSubjectIdentifier>();

    [Test]
    public void UnknownSubjectIdentifier_ScimFormat_IsRefusedAsModelled() =>
        FluentActions.Invoking(() => new UnknownSubjectIdentifier(SubjectIdentifierFormats.Scim, SubjectJson.Element("""{"uri":"/Users/1"}""")))
            .Should().Throw<ArgumentException>();

    [Test]
    public void ToString_ScimSubject_ShowsNoValues() =>
        new ScimSubjectIdentifier { Uri = "/Users/secret", ExternalId = "secret" }.ToString().Should().Be("ScimSubjectIdentifier { Format = scim }");
}
