using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class PhoneNumberSubjectIdentifierTests
{
    [TestCase("+12065550100")]
    [TestCase("+1 206 555 0123")]
    [TestCase("+1-206-555-0123")]
    [TestCase("+1.206.555.0123")]
    [TestCase("+44 20-7946.0958")]
    [TestCase("+12")]
    [TestCase("+123456789012345")]
    public void TryParse_E164WithOptionalSeparators_ReadsTheNumberSUB03(string number)
    {
        var subject = SubjectJson.Valid($$"""{"format":"phone_number","phone_number":"{{number}}"}""");

        subject.Should().Be(new PhoneNumberSubjectIdentifier { PhoneNumber = number });
    }

    [TestCase("12065550100", TestName = "TryParse_PhoneWithoutPlus_FailsSUB03")]
    [TestCase("+", TestName = "TryParse_PhoneOnlyPlus_FailsSUB03")]
    [TestCase("+1", TestName = "TryParse_PhoneWithOneDigit_FailsSUB03")]
    [TestCase("+0123", TestName = "TryParse_PhoneStartingWithZero_FailsSUB03")]
    [TestCase("+1  206", TestName = "TryParse_PhoneWithDoubleSpace_FailsSUB03")]
    [TestCase("+1 -206", TestName = "TryParse_PhoneWithMixedDoubleSeparator_FailsSUB03")]
    [TestCase("+ 1206", TestName = "TryParse_PhoneWithSeparatorAfterPlus_FailsSUB03")]
    [TestCase("+1206 ", TestName = "TryParse_PhoneWithTrailingSeparator_FailsSUB03")]
    [TestCase("+1234567890123456", TestName = "TryParse_PhoneWithSixteenDigits_FailsSUB03")]
    [TestCase("+1 234 567 890 123 456", TestName = "TryParse_PhoneWithSixteenSeparatedDigits_FailsSUB03")]
    [TestCase("+1-800-FLOWERS", TestName = "TryParse_PhoneWithLetters_FailsSUB03")]
    [TestCase("+1(206)5550100", TestName = "TryParse_PhoneWithParentheses_FailsSUB03")]
    [TestCase("tel:+12065550100", TestName = "TryParse_PhoneAsTelUri_FailsSUB03")]
    [TestCase("+١٢٣٤", TestName = "TryParse_PhoneWithNonAsciiDigits_FailsSUB03")]
    public void TryParse_NotAnAcceptedNumber_FailsSUB03(string number) =>
        SubjectJson.Invalid($$"""{"format":"phone_number","phone_number":"{{number}}"}""")
            .Should().Be("The 'phone_number' subject identifier member 'phone_number' must be an E.164 telephone number with a leading '+'.");

    [Test]
    public void TryParse_SsfFigure9SpacedNumber_IsAcceptedButNotEqualToCompactForm()
    {
        var spaced = SubjectJson.Valid("""{"format":"phone_number","phone_number":"+1 206 555 0123"}""");
        var compact = SubjectJson.Valid("""{"format":"phone_number","phone_number":"+12065550123"}""");

        spaced.Should().NotBe(compact);
    }

    [Test]
    public void TryParse_MemberNamedPhone_FailsSUB07() =>
        SubjectJson.Invalid("""{"format":"phone_number","phone":"+12065550100"}""").Should().Contain("'phone'");

    [TestCase("12065550100")]
    [TestCase("+")]
    public void PhoneNumber_InvalidValue_ThrowsArgumentException(string number)
    {
        var create = () => new PhoneNumberSubjectIdentifier { PhoneNumber = number };

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(PhoneNumberSubjectIdentifier.PhoneNumber));
    }

    [Test]
    public void WriteTo_PhoneNumber_RoundTrips()
    {
        var subject = new PhoneNumberSubjectIdentifier { PhoneNumber = "+1 206 555 0123" };

        SubjectJson.Write(subject).Should().Be("""{"format":"phone_number","phone_number":"+1 206 555 0123"}""");
        SubjectJson.RoundTrip(subject).Should().Be(subject);
    }
}
