using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class AliasesSubjectIdentifierTests
{
    private static readonly EmailSubjectIdentifier Email = new() { Email = "user@example.com" };
    private static readonly PhoneNumberSubjectIdentifier Phone = new() { PhoneNumber = "+12065550100" };

    [Test]
    public void TryParse_Rfc9493Figure13_ReadsTheIdentifiersInOrderSUB03()
    {
        var subject = SubjectJson.Valid("""
            {"format":"aliases","identifiers":[
              {"format":"email","email":"user@example.com"},
              {"format":"phone_number","phone_number":"+12065550100"},
              {"format":"email","email":"user+qualifier@example.com"}]}
            """);

        subject.Should().BeOfType<AliasesSubjectIdentifier>().Which.Identifiers.Should().Equal(
            Email, Phone, new EmailSubjectIdentifier { Email = "user+qualifier@example.com" });
    }

    [Test]
    public void TryParse_ExactDuplicates_AreAcceptedBecauseOnlyShouldNot()
    {
        var subject = SubjectJson.Valid("""
            {"format":"aliases","identifiers":[{"format":"opaque","id":"x"},{"format":"opaque","id":"x"}]}
            """);

        subject.Should().BeOfType<AliasesSubjectIdentifier>().Which.Identifiers.Should().HaveCount(2);
    }

    [Test]
    public void TryParse_NestedAliases_FailsSUB03()
    {
        var error = SubjectJson.Invalid("""
            {"format":"aliases","identifiers":[
              {"format":"email","email":"user@example.com"},
              {"format":"aliases","identifiers":[{"format":"opaque","id":"x"}]}]}
            """);

        error.Should().Be("The 'aliases' subject identifier member 'identifiers' item 1 is invalid: "
            + "An 'aliases' subject identifier must not contain another 'aliases' identifier (RFC 9493 §3.2.8).");
    }

    [Test]
    public void TryParse_ComplexInsideAliases_FailsSSF04() =>
        SubjectJson.Invalid("""
            {"format":"aliases","identifiers":[{"format":"complex","user":{"format":"opaque","id":"x"}}]}
            """).Should().Contain("item 0 is invalid").And.Contain("'complex'");

    [TestCase("""["user@example.com"]""")]
    [TestCase("""[null]""")]
    [TestCase("""[[{"format":"opaque","id":"x"}]]""")]
    public void TryParse_ItemNotAnObject_FailsSUB01(string array) =>
        SubjectJson.Invalid($$"""{"format":"aliases","identifiers":{{array}}}""")
            .Should().Be("The 'aliases' subject identifier member 'identifiers' item 0 must be a JSON object.");

    [Test]
    public void TryParse_InvalidItem_NamesTheItemAndTheInnerError() =>
        SubjectJson.Invalid("""{"format":"aliases","identifiers":[{"format":"email","email":""}]}""")
            .Should().Be("The 'aliases' subject identifier member 'identifiers' item 0 is invalid: "
                + "The 'email' subject identifier member 'email' must not be empty.");

    [Test]
    public void TryParse_UnknownFormatItem_IsKept() =>
        SubjectJson.Valid("""{"format":"aliases","identifiers":[{"format":"catalog_item","catalog_id":"c0384"}]}""")
            .Should().BeOfType<AliasesSubjectIdentifier>().Which.Identifiers[0].Should().BeOfType<UnknownSubjectIdentifier>();

    [Test]
    public void Equals_SameItemsInOtherOrder_AreNotEqual() =>
        new AliasesSubjectIdentifier { Identifiers = [Email, Phone] }.Should().NotBe(new AliasesSubjectIdentifier { Identifiers = [Phone, Email] });

    [Test]
    public void Equals_SameItems_AreEqualWithEqualHashCodes()
    {
        var a = new AliasesSubjectIdentifier { Identifiers = [Email, Phone] };
        var b = new AliasesSubjectIdentifier { Identifiers = new List<SubjectIdentifier> { Email, Phone } };

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Test]
    public void Identifiers_Empty_ThrowsArgumentException()
    {
        var create = () => new AliasesSubjectIdentifier { Identifiers = [] };

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(AliasesSubjectIdentifier.Identifiers));
    }

    [Test]
    public void Identifiers_NestedAliases_ThrowsArgumentExceptionSUB03()
    {
        var inner = new AliasesSubjectIdentifier { Identifiers = [Email] };

        var create = () => new AliasesSubjectIdentifier { Identifiers = [Phone, inner] };

        create.Should().Throw<ArgumentException>().WithMessage("*RFC 9493 §3.2.8*");
    }

    [Test]
    public void Identifiers_Complex_ThrowsArgumentException()
    {
        var complex = new ComplexSubjectIdentifier { Members = new Dictionary<string, SubjectIdentifier> { ["user"] = Email } };

        var create = () => new AliasesSubjectIdentifier { Identifiers = [complex] };

        create.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Identifiers_NullItem_ThrowsArgumentException()
    {
        var create = () => new AliasesSubjectIdentifier { Identifiers = [Email, null!] };

        create.Should().Throw<ArgumentException>();
    }

    [Test]
    public void WriteTo_Aliases_RoundTrips()
    {
        var subject = new AliasesSubjectIdentifier { Identifiers = [Email, Phone] };

        SubjectJson.Write(subject).Should().Be(
            """{"format":"aliases","identifiers":[{"format":"email","email":"user@example.com"},{"format":"phone_number","phone_number":"+12065550100"}]}""");
        SubjectJson.RoundTrip(subject).Should().Be(subject);
    }
}
