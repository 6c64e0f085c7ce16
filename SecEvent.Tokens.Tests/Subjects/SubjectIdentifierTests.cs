using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class SubjectIdentifierTests
{
    [TestCase("null")]
    [TestCase("\"user@example.com\"")]
    [TestCase("42")]
    [TestCase("true")]
    [TestCase("""[{"format":"email","email":"user@example.com"}]""")]
    public void TryParse_NotAnObject_FailsSUB01(string json) =>
        SubjectJson.Invalid(json).Should().Be("A subject identifier must be a JSON object.");

    [Test]
    public void TryParse_DefaultElement_FailsSUB01()
    {
        SubjectIdentifier.TryParse(default, out var subject, out var error).Should().BeFalse();

        subject.Should().BeNull();
        error.Should().Be("A subject identifier must be a JSON object.");
    }

    [TestCase("{}")]
    [TestCase("""{"email":"user@example.com"}""")]
    public void TryParse_WithoutFormat_FailsSUB01(string json) =>
        SubjectJson.Invalid(json).Should().Contain("'format'");

    [TestCase("""{"format":null,"email":"user@example.com"}""")]
    [TestCase("""{"format":1,"email":"user@example.com"}""")]
    [TestCase("""{"format":["email"],"email":"user@example.com"}""")]
    public void TryParse_FormatNotString_FailsSUB01(string json) =>
        SubjectJson.Invalid(json).Should().Be("The subject identifier member 'format' must be a JSON string.");

    [Test]
    public void TryParse_FormatEmpty_FailsSUB01() =>
        SubjectJson.Invalid("""{"format":"","email":"user@example.com"}""").Should().Contain("must not be empty");

    [Test]
    public void TryParse_SubjectTypeInsteadOfFormat_FailsSUB07() =>
        SubjectJson.Invalid("""{"subject_type":"email","email":"user@example.com"}""")
            .Should().Contain("legacy member 'subject_type'");

    [TestCase("iss-sub", """{"format":"iss-sub","iss":"https://idp.example.com/","sub":"7375626A656374"}""", "iss_sub")]
    [TestCase("phone", """{"format":"phone","phone_number":"+12065550123"}""", "phone_number")]
    [TestCase("phone-number", """{"format":"phone-number","phone_number":"+12065550123"}""", "phone_number")]
    [TestCase("id_token_claims", """{"format":"id_token_claims","iss":"https://idp.example.com/","sub":"1"}""", "does not define")]
    public void TryParse_LegacyFormatName_FailsSUB07(string legacy, string json, string hint) =>
        SubjectJson.Invalid(json).Should().Contain($"'{legacy}'").And.Contain("legacy").And.Contain(hint);

    [Test]
    public void TryParse_ValueNamesFormatCaseDifferently_ReadsUnknownFormatSUB02() =>
        SubjectJson.Valid("""{"format":"Email","email":"user@example.com"}""").Should().BeOfType<UnknownSubjectIdentifier>();

    [TestCase("""{"format":"email","email":"\ud800@example.com"}""")]
    [TestCase("""{"format":"catalog_item","\udc00":1}""")]
    [TestCase("""{"format":"catalog_item","item":{"name":"\ud800"}}""")]
    public void TryParse_UnpairedSurrogateEscape_FailsWithoutThrowing(string json) =>
        SubjectJson.Invalid(json).Should().Contain("not valid UTF-16");

    [Test]
    public void Parse_Invalid_ThrowsFormatExceptionWithTheError()
    {
        var element = SubjectJson.Element("""{"format":"email"}""");
        SubjectIdentifier.TryParse(element, out _, out var error).Should().BeFalse();

        var parse = () => SubjectIdentifier.Parse(element);

        parse.Should().Throw<FormatException>().Which.Message.Should().Be(error);
    }

    [Test]
    public void Parse_Valid_ReturnsTheIdentifier() =>
        SubjectIdentifier.Parse(SubjectJson.Element("""{"format":"opaque","id":"abc"}"""))
            .Should().Be(new OpaqueSubjectIdentifier { Id = "abc" });

    [Test]
    public void WriteTo_AnyIdentifier_WritesFormatFirst()
    {
        var subject = new IssuerSubjectIdentifier { Issuer = "https://issuer.example.com/", Subject = "145234573" };

        SubjectJson.Write(subject).Should().Be("""{"format":"iss_sub","iss":"https://issuer.example.com/","sub":"145234573"}""");
    }

    [Test]
    public void WriteTo_NullWriter_Throws()
    {
        var write = () => new OpaqueSubjectIdentifier { Id = "x" }.WriteTo(null!);

        write.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void ToString_AnyIdentifier_LeavesOutMemberValues()
    {
        var subject = new EmailSubjectIdentifier { Email = "secret.person@example.com" };

        subject.ToString().Should().Be("EmailSubjectIdentifier { Format = email }");
    }

    [Test]
    public void ToString_UnknownFormatWithControlCharacters_IsMadePrintable()
    {
        var subject = SubjectJson.Valid("""{"format":"x\ny","a":1}""");

        subject.ToString().Should().Be("UnknownSubjectIdentifier { Format = x?y }");
    }

    [TestCase("""{"format":"email","email":"secret-value"}""")]
    [TestCase("""{"format":"phone_number","phone_number":"secret-value"}""")]
    [TestCase("""{"format":"account","uri":"secret-value"}""")]
    [TestCase("""{"format":"did","url":"secret-value"}""")]
    [TestCase("""{"format":"uri","uri":"secret value"}""")]
    [TestCase("""{"format":"ip-addresses","ip-addresses":["secret-value"]}""")]
    [TestCase("""{"format":"aliases","identifiers":[{"format":"email","email":"secret-value"}]}""")]
    [TestCase("""{"format":"complex","user":{"format":"email","email":"secret-value"}}""")]
    public void TryParse_MalformedValue_ErrorDoesNotRepeatTheValue(string json) =>
        SubjectJson.Invalid(json).Should().NotContain("secret");

    [Test]
    public void TryParse_VeryLongUndescribedMemberName_IsShortenedInTheError()
    {
        var name = new string('n', 500);

        var error = SubjectJson.Invalid($$"""{"format":"email","email":"a@b","{{name}}":1}""");

        error.Length.Should().BeLessThan(200);
        error.Should().Contain("…");
    }

    [Test]
    public void Equals_SameFormatAndValues_AreEqualWithEqualHashCodes()
    {
        var a = SubjectJson.Valid("""{"format":"email","email":"user@example.com"}""");
        var b = new EmailSubjectIdentifier { Email = "user@example.com" };

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Test]
    public void Equals_DifferentFormatsWithSameText_AreNotEqual()
    {
        SubjectIdentifier account = new AccountSubjectIdentifier { Uri = "acct:a@example.com" };
        SubjectIdentifier uri = new UriSubjectIdentifier { Uri = "acct:a@example.com" };

        account.Should().NotBe(uri);
    }

    [Test]
    public void Equals_ComparesOrdinally_NoCanonicalisationSUB06()
    {
        var lower = new EmailSubjectIdentifier { Email = "user@example.com" };
        var upper = new EmailSubjectIdentifier { Email = "User@Example.com" };

        lower.Should().NotBe(upper);
        lower.Matches(upper).Should().BeFalse();
    }

    [Test]
    public void With_ChangedMember_RunsTheSameChecks()
    {
        var subject = new EmailSubjectIdentifier { Email = "user@example.com" };

        var change = () => subject with { Email = "not an address" };

        change.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Email");
    }

    [Test]
    public void TryParse_ElementOfDisposedDocument_IsNotSwallowed()
    {
        JsonElement element;
        using (var document = JsonDocument.Parse("""{"format":"opaque","id":"x"}"""))
        {
            element = document.RootElement;
        }

        var parse = () => SubjectIdentifier.TryParse(element, out _, out _);

        parse.Should().Throw<ObjectDisposedException>();
    }
}
