using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class OpaqueSubjectIdentifierTests
{
    [TestCase("11112222333344445555")]
    [TestCase("dMTlD|1600802906337.16|16008.16")]
    [TestCase(" ")]
    [TestCase("line\\nbreak")]
    public void TryParse_AnyNonEmptyString_ReadsTheIdSUB03(string id)
    {
        var subject = SubjectJson.Valid($$"""{"format":"opaque","id":"{{id}}"}""");

        subject.Should().BeOfType<OpaqueSubjectIdentifier>();
        SubjectJson.RoundTrip(subject).Should().Be(subject);
    }

    [Test]
    public void TryParse_NumericId_FailsSUB03() =>
        SubjectJson.Invalid("""{"format":"opaque","id":11112222}""")
            .Should().Be("The 'opaque' subject identifier member 'id' must be a JSON string.");

    [Test]
    public void Id_EmptyOrUnpairedSurrogate_ThrowsArgumentException()
    {
        // Built in code: an attribute argument cannot carry an unpaired surrogate.
        foreach (var id in new[] { "", "\udc00", "a\ud800", "\ud800\ud800" })
        {
            var create = () => new OpaqueSubjectIdentifier { Id = id };

            create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(OpaqueSubjectIdentifier.Id));
        }
    }

    [Test]
    public void Id_SurrogatePair_IsAccepted() =>
        SubjectJson.RoundTrip(new OpaqueSubjectIdentifier { Id = "😀" }).Should().Be(new OpaqueSubjectIdentifier { Id = "😀" });
}
