using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

/// <summary>SSF 1.0 §8.1.3.1 subject matching (checklist SSF-32).</summary>
[TestFixture]
public sealed class SubjectIdentifierMatchesTests
{
    private static readonly SubjectIdentifier User = new EmailSubjectIdentifier { Email = "jdoe@example.com" };
    private static readonly SubjectIdentifier OtherUser = new EmailSubjectIdentifier { Email = "other@example.com" };
    private static readonly SubjectIdentifier Tenant = new OpaqueSubjectIdentifier { Id = "example-a38h4792-uw2" };
    private static readonly SubjectIdentifier Device = new IPAddressesSubjectIdentifier { Addresses = ["10.29.37.75"] };

    [Test]
    public void Matches_EqualSimpleSubjects_MatchSSF32() =>
        User.Matches(new EmailSubjectIdentifier { Email = "jdoe@example.com" }).Should().BeTrue();

    [Test]
    public void Matches_DifferentSimpleSubjects_DoNotMatchSSF32() =>
        User.Matches(OtherUser).Should().BeFalse();

    [Test]
    public void Matches_SameValueInOtherFormat_DoesNotMatchSSF32() =>
        new AccountSubjectIdentifier { Uri = "acct:jdoe@example.com" }
            .Matches(new UriSubjectIdentifier { Uri = "acct:jdoe@example.com" }).Should().BeFalse();

    [Test]
    public void Matches_ComplexWithFewerMembers_MatchesSSF32()
    {
        var added = Complex(("tenant", Tenant));
        var eventSubject = Complex(("tenant", Tenant), ("user", User));

        added.Matches(eventSubject).Should().BeTrue();
        eventSubject.Matches(added).Should().BeTrue();
    }

    [Test]
    public void Matches_ComplexWithConflictingSharedMember_DoesNotMatchSSF32()
    {
        var added = Complex(("user", User), ("device", Device));
        var eventSubject = Complex(("user", OtherUser));

        added.Matches(eventSubject).Should().BeFalse();
        eventSubject.Matches(added).Should().BeFalse();
    }

    [Test]
    public void Matches_ComplexWithDisjointMembers_MatchesSSF32() =>
        Complex(("tenant", Tenant)).Matches(Complex(("user", User))).Should().BeTrue();

    [Test]
    public void Matches_SimpleAndComplexWithThatMember_DoNotMatchSSF32()
    {
        var complex = Complex(("user", User));

        User.Matches(complex).Should().BeFalse();
        complex.Matches(User).Should().BeFalse();
    }

    [Test]
    public void Matches_AliasesContainingTheSubject_DoesNotMatchSSF32()
    {
        var aliases = new AliasesSubjectIdentifier { Identifiers = [User, OtherUser] };

        aliases.Matches(User).Should().BeFalse();
        aliases.Matches(new AliasesSubjectIdentifier { Identifiers = [User, OtherUser] }).Should().BeTrue();
    }

    [Test]
    public void Matches_ComplexAndItself_Matches()
    {
        var complex = Complex(("user", User), ("device", Device));

        complex.Matches(complex).Should().BeTrue();
    }

    [Test]
    public void Matches_IsNotTransitiveForComplexSubjects()
    {
        var a = Complex(("user", User));
        var b = Complex(("tenant", Tenant));
        var c = Complex(("user", OtherUser));

        a.Matches(b).Should().BeTrue();
        b.Matches(c).Should().BeTrue();
        a.Matches(c).Should().BeFalse();
    }

    [Test]
    public void Matches_Null_ThrowsArgumentNullException()
    {
        var match = () => User.Matches(null!);

        match.Should().Throw<ArgumentNullException>();
    }

    private static ComplexSubjectIdentifier Complex(params (string Name, SubjectIdentifier Value)[] members) =>
        new() { Members = members.ToDictionary(m => m.Name, m => m.Value) };
}
