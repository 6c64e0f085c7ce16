using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Tokens.Tests.Subjects;

[TestFixture]
public sealed class SubjectIdentifierJsonConverterTests
{
    private static readonly JsonSerializerOptions KebabCase = new() { PropertyNamingPolicy = JsonNamingPolicy.KebabCaseUpper };

    [Test]
    public void Serialize_RecordWithSubjectProperty_WritesTheIdentifierObject()
    {
        var request = new AddSubjectRequest("f67e39a0", new EmailSubjectIdentifier { Email = "example.user@example.com" }, true);

        var json = JsonSerializer.Serialize(request);

        json.Should().Be("""{"stream_id":"f67e39a0","subject":{"format":"email","email":"example.user@example.com"},"verified":true}""");
    }

    [Test]
    public void Deserialize_RecordWithSubjectProperty_ReadsTheIdentifier()
    {
        const string json = """{"stream_id":"f67e39a0","subject":{"format":"email","email":"example.user@example.com"},"verified":true}""";

        var request = JsonSerializer.Deserialize<AddSubjectRequest>(json);

        request.Should().Be(new AddSubjectRequest("f67e39a0", new EmailSubjectIdentifier { Email = "example.user@example.com" }, true));
    }

    [Test]
    public void Deserialize_InvalidSubject_ThrowsJsonExceptionWithTheError()
    {
        const string json = """{"stream_id":"f67e39a0","subject":{"format":"phone","phone_number":"+12065550123"}}""";

        var read = () => JsonSerializer.Deserialize<AddSubjectRequest>(json);

        read.Should().Throw<JsonException>().WithMessage("*'phone' is a legacy name*");
    }

    [Test]
    public void Deserialize_NullSubject_ReadsNull() =>
        JsonSerializer.Deserialize<AddSubjectRequest>("""{"stream_id":"s","subject":null}""")!.Subject.Should().BeNull();

    [Test]
    public void RoundTrip_PropertyOfAFormatType_UsesTheConverter()
    {
        var holder = new ComplexHolder(new ComplexSubjectIdentifier
        {
            Members = new Dictionary<string, SubjectIdentifier> { ["user"] = new OpaqueSubjectIdentifier { Id = "u" } },
        });

        var json = JsonSerializer.Serialize(holder);

        json.Should().Be("""{"Subject":{"format":"complex","user":{"format":"opaque","id":"u"}}}""");
        JsonSerializer.Deserialize<ComplexHolder>(json).Should().Be(holder);
    }

    [Test]
    public void Deserialize_OtherFormatIntoAFormatType_ThrowsJsonException()
    {
        var read = () => JsonSerializer.Deserialize<ComplexHolder>("""{"Subject":{"format":"opaque","id":"u"}}""");

        read.Should().Throw<JsonException>().WithMessage("*'ComplexSubjectIdentifier'*'opaque'*");
    }

    [Test]
    public void Serialize_ListOfSubjects_WritesEachIdentifier()
    {
        var subjects = new List<SubjectIdentifier>
        {
            new OpaqueSubjectIdentifier { Id = "a" },
            new UnknownSubjectIdentifier("catalog_item", SubjectJson.Element("""{"catalog_id":"c"}""")),
        };

        var json = JsonSerializer.Serialize(subjects);

        json.Should().Be("""[{"format":"opaque","id":"a"},{"format":"catalog_item","catalog_id":"c"}]""");
        JsonSerializer.Deserialize<List<SubjectIdentifier>>(json).Should().Equal(subjects);
    }

    [Test]
    public void Serialize_NamingPolicy_DoesNotRenameMembers()
    {
        JsonSerializer.Serialize<SubjectIdentifier>(new JwtIdSubjectIdentifier { Issuer = "i", JwtId = "j" }, KebabCase)
            .Should().Be("""{"format":"jwt_id","iss":"i","jti":"j"}""");
    }

    private sealed record AddSubjectRequest(
        [property: System.Text.Json.Serialization.JsonPropertyName("stream_id")] string StreamId,
        [property: System.Text.Json.Serialization.JsonPropertyName("subject")] SubjectIdentifier? Subject,
        [property: System.Text.Json.Serialization.JsonPropertyName("verified")] bool? Verified = null);

    private sealed record ComplexHolder(ComplexSubjectIdentifier Subject);
}
