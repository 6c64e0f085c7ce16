using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Subjects;

/// <summary>The specifications' own examples (../shared/vectors).</summary>
/// <remarks>The helper is named through its namespace because a sibling test folder is also called <c>Vectors</c>.</remarks>
[TestFixture]
public sealed class SubjectIdentifierVectorTests
{
    private static IEnumerable<TestVector> ValidSubjects() => Support.Vectors.OfKind("subject").Where(v => v.Valid);

    private static IEnumerable<TestVector> InvalidSubjects() => Support.Vectors.OfKind("subject").Where(v => !v.Valid);

    private static IEnumerable<TestVector> MatchPairs() => Support.Vectors.OfKind("subject-match");

    private static IEnumerable<TestCaseData> SubjectsInsideValidMessages() =>
        Support.Vectors.OfKind("jwt-claims", "set-payload", "subject-request")
            .Where(v => v.Valid)
            .SelectMany(v => EmbeddedSubjects(v.Data).Select((s, i) => new TestCaseData(s).SetArgDisplayNames($"{v.Name}#{i}")));

    [Test]
    public void Vectors_OfKindSubject_AreAllPresent()
    {
        ValidSubjects().Should().HaveCountGreaterThanOrEqualTo(16);
        InvalidSubjects().Should().NotBeEmpty();
        MatchPairs().Should().HaveCount(3);
    }

    [TestCaseSource(nameof(ValidSubjects))]
    public void TryParse_ValidVector_ParsesWritesBackAndReparsesEqualSUB01(TestVector vector)
    {
        var input = SubjectJson.Unwrap(vector.Data);

        SubjectIdentifier.TryParse(input, out var subject, out var error).Should().BeTrue(error);
        var written = SubjectJson.Element(SubjectJson.Write(subject!));

        JsonElement.DeepEquals(written, input).Should().BeTrue(SubjectJson.Write(subject!));
        SubjectIdentifier.Parse(written).Should().Be(subject);
    }

    [TestCaseSource(nameof(InvalidSubjects))]
    public void TryParse_InvalidVector_FailsSUB07(TestVector vector) =>
        SubjectIdentifier.TryParse(SubjectJson.Unwrap(vector.Data), out _, out _).Should().BeFalse();

    [TestCaseSource(nameof(MatchPairs))]
    public void Matches_SubjectMatchVector_EqualsExpectedMatchInBothDirectionsSSF32(TestVector vector)
    {
        var added = SubjectIdentifier.Parse(vector.Data.GetProperty("receiver_added_subject"));
        var eventSubject = SubjectIdentifier.Parse(vector.Data.GetProperty("event_subject"));
        var expected = vector.Data.GetProperty("expected_match").GetBoolean();

        added.Matches(eventSubject).Should().Be(expected);
        eventSubject.Matches(added).Should().Be(expected);
    }

    [Test]
    public void TryParse_SsfFigure42RemoveSubjectPhoneFormat_FailsSUB07()
    {
        var subject = Support.Vectors.Named("ssf-fig42-remove-subject-request").Data.GetProperty("body").GetProperty("subject");

        SubjectIdentifier.TryParse(subject, out _, out var error).Should().BeFalse();
        error.Should().Contain("'phone'").And.Contain("'phone_number'");
    }

    [Test]
    public void TryParse_SsfFigure42Corrected_Succeeds() =>
        SubjectJson.Valid("""{"format":"phone_number","phone_number":"+12065550123"}""").Should().BeOfType<PhoneNumberSubjectIdentifier>();

    [TestCaseSource(nameof(SubjectsInsideValidMessages))]
    public void TryParse_SubjectInsideValidMessageVector_SucceedsSSF01(JsonElement subject) =>
        SubjectIdentifier.TryParse(subject, out _, out var error).Should().BeTrue(error);

    /// <summary>Every top-level <c>sub_id</c>, and the <c>subject</c> of a stream-management request body.</summary>
    private static IEnumerable<JsonElement> EmbeddedSubjects(JsonElement data)
    {
        if (data.TryGetProperty("sub_id", out var subId))
        {
            yield return subId;
        }

        if (data.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object && body.TryGetProperty("subject", out var subject))
        {
            yield return subject;
        }
    }
}
