using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class ComplexSubjectIdentifierTests
{
    private static readonly EmailSubjectIdentifier User = new() { Email = "bar@example.com" };
    private static readonly IssuerSubjectIdentifier Tenant = new() { Issuer = "https://example.com/idp1", Subject = "1234" };

    [Test]
    public void TryParse_SsfFigure2_ReadsTheMembersSSF04()
    {
        var subject = SubjectJson.Valid("""
            {"format":"complex",
             "user":{"format":"email","email":"bar@example.com"},
             "tenant":{"format":"iss_sub","iss":"https://example.com/idp1","sub":"1234"}}
            """);

        var complex = subject.Should().BeOfType<ComplexSubjectIdentifier>().Which;
        complex.User.Should().Be(User);
        complex.Tenant.Should().Be(Tenant);
        complex.Device.Should().BeNull();
        complex.Members.Keys.Should().Equal("user", "tenant");
    }

    [Test]
    public void ConvenienceProperties_EachDefinedName_ReturnsItsMemberSSF04()
    {
        var names = new[] { "user", "device", "session", "application", "tenant", "org_unit", "group" };
        var members = names.ToDictionary(n => n, n => (SubjectIdentifier)new OpaqueSubjectIdentifier { Id = n });

        var complex = new ComplexSubjectIdentifier { Members = members };

        new[] { complex.User, complex.Device, complex.Session, complex.Application, complex.Tenant, complex.OrgUnit, complex.Group }
            .Should().Equal(names.Select(n => members[n]));
    }

    [Test]
    public void TryParse_OtherMemberName_IsAllowedSSF04() =>
        SubjectJson.Valid("""{"format":"complex","printer":{"format":"opaque","id":"p-1"}}""")
            .Should().BeOfType<ComplexSubjectIdentifier>().Which.Members.Should().ContainKey("printer");

    [Test]
    public void TryParse_AliasesMember_IsAllowed() =>
        SubjectJson.Valid("""
            {"format":"complex","user":{"format":"aliases","identifiers":[{"format":"email","email":"a@example.com"}]}}
            """).Should().BeOfType<ComplexSubjectIdentifier>().Which.User.Should().BeOfType<AliasesSubjectIdentifier>();

    [Test]
    public void TryParse_AliasesMemberContainingAliases_FailsSUB03() =>
        SubjectJson.Invalid("""
            {"format":"complex","user":{"format":"aliases","identifiers":[{"format":"aliases","identifiers":[{"format":"opaque","id":"x"}]}]}}
            """).Should().Contain("must not contain another 'aliases'");

    [Test]
    public void TryParse_ComplexInsideComplex_FailsSSF04() =>
        SubjectJson.Invalid("""
            {"format":"complex","user":{"format":"complex","device":{"format":"opaque","id":"d"}}}
            """).Should().Be("The 'complex' subject identifier member 'user' is invalid: "
                + "A 'complex' subject identifier cannot be nested inside another subject identifier (SSF 1.0 §3.3).");

    [Test]
    public void TryParse_NoMembers_FailsSSF04() =>
        SubjectJson.Invalid("""{"format":"complex"}""").Should().Be("The 'complex' subject identifier requires at least one member (SSF 1.0 §3.3).");

    [Test]
    public void TryParse_RepeatedMemberName_FailsSSF04() =>
        SubjectJson.Invalid("""
            {"format":"complex","user":{"format":"opaque","id":"a"},"user":{"format":"opaque","id":"b"}}
            """).Should().Contain("'user' more than once");

    [TestCase("null")]
    [TestCase("\"bar@example.com\"")]
    [TestCase("""[{"format":"opaque","id":"x"}]""")]
    public void TryParse_MemberNotAnObject_FailsSSF04(string value) =>
        SubjectJson.Invalid($$"""{"format":"complex","user":{{value}}}""")
            .Should().Be("The 'complex' subject identifier member 'user' must be a JSON object.");

    [Test]
    public void TryParse_EmptyMemberName_Fails() =>
        SubjectJson.Invalid("""{"format":"complex","":{"format":"opaque","id":"x"}}""").Should().Contain("empty name");

    [Test]
    public void TryParse_InvalidMember_NamesTheMemberAndTheInnerError() =>
        SubjectJson.Invalid("""{"format":"complex","device":{"format":"ip-addresses","ip-addresses":["1"]}}""")
            .Should().StartWith("The 'complex' subject identifier member 'device' is invalid: The 'ip-addresses'");

    [Test]
    public void TryParse_MemberWithoutFormat_FailsSSF04() =>
        SubjectJson.Invalid("""{"format":"complex","user":{"email":"bar@example.com"}}""").Should().Contain("'format'");

    [Test]
    public void Equals_SameMembersInOtherOrder_AreEqualWithEqualHashCodes()
    {
        var a = new ComplexSubjectIdentifier { Members = new Dictionary<string, SubjectIdentifier> { ["user"] = User, ["tenant"] = Tenant } };
        var b = SubjectJson.Valid("""
            {"format":"complex","tenant":{"format":"iss_sub","iss":"https://example.com/idp1","sub":"1234"},"user":{"format":"email","email":"bar@example.com"}}
            """);

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Test]
    public void Equals_OneMemberMore_AreNotEqual() =>
        new ComplexSubjectIdentifier { Members = new Dictionary<string, SubjectIdentifier> { ["user"] = User } }
            .Should().NotBe(new ComplexSubjectIdentifier { Members = new Dictionary<string, SubjectIdentifier> { ["user"] = User, ["tenant"] = Tenant } });

    [Test]
    public void Members_DictionaryChangedAfterwards_DoesNotChangeTheSubject()
    {
        var members = new Dictionary<string, SubjectIdentifier> { ["user"] = User };
        var subject = new ComplexSubjectIdentifier { Members = members };

        members["tenant"] = Tenant;

        subject.Members.Should().HaveCount(1);
    }

    [Test]
    public void Members_Empty_ThrowsArgumentException()
    {
        var create = () => new ComplexSubjectIdentifier { Members = new Dictionary<string, SubjectIdentifier>() };

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(ComplexSubjectIdentifier.Members));
    }

    [TestCase("")]
    [TestCase("format")]
    public void Members_ReservedOrEmptyName_ThrowsArgumentException(string name)
    {
        var create = () => new ComplexSubjectIdentifier { Members = new Dictionary<string, SubjectIdentifier> { [name] = User } };

        create.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Members_NestedComplex_ThrowsArgumentException()
    {
        var inner = new ComplexSubjectIdentifier { Members = new Dictionary<string, SubjectIdentifier> { ["user"] = User } };

        var create = () => new ComplexSubjectIdentifier { Members = new Dictionary<string, SubjectIdentifier> { ["user"] = inner } };

        create.Should().Throw<ArgumentException>();
    }

    [Test]
    public void WriteTo_Complex_WritesMembersInTheirOrder()
    {
        var subject = new ComplexSubjectIdentifier { Members = new Dictionary<string, SubjectIdentifier> { ["user"] = User, ["tenant"] = Tenant } };

        SubjectJson.Write(subject).Should().Be(
            """{"format":"complex","user":{"format":"email","email":"bar@example.com"},"tenant":{"format":"iss_sub","iss":"https://example.com/idp1","sub":"1234"}}""");
    }
}
