using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

/// <summary>Properties that hold for every generated identifier, in every format.</summary>
[TestFixture]
public sealed class SubjectIdentifierPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static IEnumerable<TestCaseData> Generators()
    {
        yield return new TestCaseData(SubjectIdentifierGenerators.Account()).SetArgDisplayNames("account");
        yield return new TestCaseData(SubjectIdentifierGenerators.Email()).SetArgDisplayNames("email");
        yield return new TestCaseData(SubjectIdentifierGenerators.IssuerSubject()).SetArgDisplayNames("iss_sub");
        yield return new TestCaseData(SubjectIdentifierGenerators.Opaque()).SetArgDisplayNames("opaque");
        yield return new TestCaseData(SubjectIdentifierGenerators.PhoneNumber()).SetArgDisplayNames("phone_number");
        yield return new TestCaseData(SubjectIdentifierGenerators.Did()).SetArgDisplayNames("did");
        yield return new TestCaseData(SubjectIdentifierGenerators.Uri()).SetArgDisplayNames("uri");
        yield return new TestCaseData(SubjectIdentifierGenerators.JwtId()).SetArgDisplayNames("jwt_id");
        yield return new TestCaseData(SubjectIdentifierGenerators.SamlAssertionId()).SetArgDisplayNames("saml_assertion_id");
        yield return new TestCaseData(SubjectIdentifierGenerators.IPAddresses()).SetArgDisplayNames("ip-addresses");
        yield return new TestCaseData(SubjectIdentifierGenerators.Scim()).SetArgDisplayNames("scim");
        yield return new TestCaseData(SubjectIdentifierGenerators.Aliases()).SetArgDisplayNames("aliases");
        yield return new TestCaseData(SubjectIdentifierGenerators.Complex()).SetArgDisplayNames("complex");
        yield return new TestCaseData(SubjectIdentifierGenerators.Unknown()).SetArgDisplayNames("unknown");
    }

    [TestCaseSource(nameof(Generators))]
    public void WriteTo_GeneratedIdentifier_ReadsBackEqual(Gen<SubjectIdentifier> generator) =>
        Check.One(Runs, Prop.ForAll(generator.ToArbitrary(), subject =>
        {
            var read = SubjectJson.RoundTrip(subject);
            return read.Equals(subject) && read.GetHashCode() == subject.GetHashCode() && read.GetType() == subject.GetType();
        }));

    [TestCaseSource(nameof(Generators))]
    public void Matches_GeneratedIdentifier_IsReflexive(Gen<SubjectIdentifier> generator) =>
        Check.One(Runs, Prop.ForAll(generator.ToArbitrary(), subject => subject.Matches(subject) && subject.Matches(SubjectJson.RoundTrip(subject))));

    [Test]
    public void Matches_AnyTwoIdentifiers_IsSymmetric()
    {
        var any = SubjectIdentifierGenerators.Any();
        Check.One(Runs, Prop.ForAll(Gen.Zip(any, any).ToArbitrary(), pair => pair.Item1.Matches(pair.Item2) == pair.Item2.Matches(pair.Item1)));
    }

    [Test]
    public void Matches_ComplexSubjectsSharingValues_IsSymmetricAndFollowsTheMemberRuleSSF32()
    {
        var complex = SubjectIdentifierGenerators.SmallComplex();
        Check.One(Runs, Prop.ForAll(Gen.Zip(complex, complex).ToArbitrary(), pair =>
        {
            var (a, b) = ((ComplexSubjectIdentifier)pair.Item1, (ComplexSubjectIdentifier)pair.Item2);
            var expected = a.Members.All(m => !b.Members.TryGetValue(m.Key, out var theirs) || theirs.Equals(m.Value));
            return a.Matches(b) == expected && b.Matches(a) == expected;
        }));
    }

    [Test]
    public void Equals_AnyTwoIdentifiers_AgreesWithHashCodeAndMatchesForSimpleSubjects()
    {
        var simple = SubjectIdentifierGenerators.Simple();
        Check.One(Runs, Prop.ForAll(Gen.Zip(simple, simple).ToArbitrary(), pair =>
            pair.Item1.Matches(pair.Item2) == pair.Item1.Equals(pair.Item2)
            && (!pair.Item1.Equals(pair.Item2) || pair.Item1.GetHashCode() == pair.Item2.GetHashCode())));
    }

    [Test]
    public void Generators_CoverEveryModelledFormat()
    {
        var formats = SubjectIdentifierGenerators.Any().Sample(2000).Select(s => s.Format).ToHashSet();

        formats.Should().Contain(new[]
        {
            SubjectIdentifierFormats.Account, SubjectIdentifierFormats.Email, SubjectIdentifierFormats.IssuerSubject,
            SubjectIdentifierFormats.Opaque, SubjectIdentifierFormats.PhoneNumber, SubjectIdentifierFormats.Did,
            SubjectIdentifierFormats.Uri, SubjectIdentifierFormats.Aliases, SubjectIdentifierFormats.Complex,
            SubjectIdentifierFormats.JwtId, SubjectIdentifierFormats.SamlAssertionId, SubjectIdentifierFormats.IPAddresses,
            SubjectIdentifierFormats.Scim,
        });
    }
}
