using System.Text;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Poll;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// The poll bodies of RFC 8936 §2.2–2.3 against the RFC's own figures (<c>../shared/vectors/rfc8936-*</c>) and against
/// hostile JSON: every figure reads, writes back to the same members, and nothing malformed gets through.
/// </summary>
public class PollMessageTests
{
    private static IEnumerable<TestVector> RequestFigures => Vectors.OfKind("poll-request");

    private static IEnumerable<TestVector> ResponseFigures => Vectors.OfKind("poll-response");

    private static byte[] Body(TestVector vector) => Encoding.UTF8.GetBytes(vector.Data.GetProperty("body").GetRawText());

    [TestCaseSource(nameof(RequestFigures))]
    public void Poll_request_figures_read_and_write_back_the_same_members(TestVector figure)
    {
        PollRequest.TryParse(Body(figure), out var request, out var error).Should().Be(figure.Valid, error ?? string.Empty);
        var written = JsonDocument.Parse(request!.ToUtf8Json()).RootElement;

        JsonElement.DeepEquals(written, figure.Data.GetProperty("body")).Should().BeTrue();
    }

    [Test]
    public void POLL_06_The_three_request_forms_read_as_the_RFC_describes_them()
    {
        Parse("rfc8936-fig1-poll-request-initial").Should().BeEquivalentTo(new { MaxEvents = (int?)null, ReturnImmediately = true, Acknowledgements = (object?)null, IsAcknowledgeOnly = false });
        Parse("rfc8936-fig2-poll-request-default").Should().BeEquivalentTo(new { MaxEvents = (int?)null, ReturnImmediately = (bool?)null, IsAcknowledgeOnly = false });
        var ackOnly = Parse("rfc8936-fig3-poll-request-ack-only");
        ackOnly.IsAcknowledgeOnly.Should().BeTrue();
        ackOnly.Acknowledgements.Should().NotBeEmpty();
        var ackAndPoll = Parse("rfc8936-fig4-poll-request-ack");
        ackAndPoll.IsAcknowledgeOnly.Should().BeFalse();
        ackAndPoll.Acknowledgements.Should().NotBeEmpty();
    }

    [Test]
    public void POLL_08_SetErrs_map_each_jti_to_err_and_description()
    {
        var request = Parse("rfc8936-fig5-poll-request-ack-with-error");

        request.SetErrors.Should().ContainSingle().Which.Should().Be(
            new KeyValuePair<string, PollSetError>("4d3559ec67504aaba65d40b0363faad8", new PollSetError("authentication_failed", "The SET could not be authenticated")));
        request.Acknowledgements.Should().Equal("3d0c3cf797584bd193bd0fb1bd4e7d30");
    }

    [TestCaseSource(nameof(ResponseFigures))]
    public void Poll_response_figures_read_and_write_back_the_same_members(TestVector figure)
    {
        PollResponse.TryParse(Body(figure), out var response, out var error).Should().Be(figure.Valid, error ?? string.Empty);
        var written = JsonDocument.Parse(response!.ToUtf8Json()).RootElement;

        JsonElement.DeepEquals(written, figure.Data.GetProperty("body")).Should().BeTrue();
    }

    [Test]
    public void Figure_6_keys_each_SET_by_its_jti_and_omits_moreAvailable()
    {
        PollResponse.TryParse(Body(Vectors.Named("rfc8936-fig6-poll-response")), out var response, out _).Should().BeTrue();

        response!.Sets.Keys.Should().BeEquivalentTo("4d3559ec67504aaba65d40b0363faad8", "3d0c3cf797584bd193bd0fb1bd4e7d30");
        response.MoreAvailable.Should().BeFalse();
    }

    [Test]
    public void An_empty_response_writes_sets_as_an_empty_object_and_no_moreAvailable()
    {
        var response = new PollResponse { Sets = new Dictionary<string, string>() };

        Encoding.UTF8.GetString(response.ToUtf8Json()).Should().Be("""{"sets":{}}""");
    }

    [Test]
    public void A_response_with_more_available_says_so()
    {
        var response = new PollResponse { Sets = new Dictionary<string, string> { ["a"] = "x.y.z" }, MoreAvailable = true };

        Encoding.UTF8.GetString(response.ToUtf8Json()).Should().Be("""{"sets":{"a":"x.y.z"},"moreAvailable":true}""");
    }

    [TestCase("""{"maxEvents":1,"maxEvents":2}""", TestName = "A duplicate member")]
    [TestCase("""{"maxEvents":-1}""", TestName = "A negative maxEvents")]
    [TestCase("""{"maxEvents":"10"}""", TestName = "maxEvents as a string")]
    [TestCase("""{"maxEvents":1.5}""", TestName = "maxEvents as a fraction")]
    [TestCase("""{"maxEvents":99999999999}""", TestName = "maxEvents beyond a 32-bit integer")]
    [TestCase("""{"returnImmediately":"true"}""", TestName = "returnImmediately as a string")]
    [TestCase("""{"ack":"abc"}""", TestName = "ack as a string")]
    [TestCase("""{"ack":[1]}""", TestName = "ack holding a number")]
    [TestCase("""{"ack":[null]}""", TestName = "ack holding null")]
    [TestCase("""{"ack":[""]}""", TestName = "ack holding an empty jti")]
    [TestCase("""{"setErrs":[]}""", TestName = "setErrs as an array")]
    [TestCase("""{"setErrs":{"a":"invalid_key"}}""", TestName = "setErrs holding a string")]
    [TestCase("""{"setErrs":{"a":{"description":"x"}}}""", TestName = "setErrs entry without err")]
    [TestCase("""{"setErrs":{"a":{"err":"invalid_key"}}}""", TestName = "setErrs entry without description")]
    [TestCase("""{"setErrs":{"a":null}}""", TestName = "setErrs entry null")]
    [TestCase("""{"ack":["a"],"setErrs":{"a":{"err":"invalid_key","description":"x"}}}""", TestName = "A jti both acknowledged and reported")]
    [TestCase("""[]""", TestName = "An array body")]
    [TestCase("""null""", TestName = "A null body")]
    [TestCase("""{"ack":["a"]""", TestName = "Truncated JSON")]
    [TestCase("", TestName = "An empty body")]
    [TestCase("""{"x":[[[[[[[[[[[[1]]]]]]]]]]]}""", TestName = "Nesting beyond the limit")]
    public void POLL_10_A_malformed_request_is_refused_with_a_reason(string body)
    {
        PollRequest.TryParse(Encoding.UTF8.GetBytes(body), out var request, out var error).Should().BeFalse();

        request.Should().BeNull();
        error.Should().NotBeNullOrWhiteSpace();
    }

    [Test]
    public void Members_a_later_version_may_add_are_ignored()
    {
        PollRequest.TryParse("""{"maxEvents":5,"futureMember":{"a":1}}"""u8, out var request, out _).Should().BeTrue();

        request!.MaxEvents.Should().Be(5);
    }

    [TestCase("""{}""", TestName = "No sets member")]
    [TestCase("""{"sets":[]}""", TestName = "sets as an array")]
    [TestCase("""{"sets":{"a":1}}""", TestName = "A SET that is not a string")]
    [TestCase("""{"sets":{"a":""}}""", TestName = "An empty SET")]
    [TestCase("""{"sets":{"":"x.y.z"}}""", TestName = "An empty jti")]
    [TestCase("""{"sets":{"a":null}}""", TestName = "A null SET")]
    [TestCase("""{"sets":{"a":"x.y.z","a":"p.q.r"}}""", TestName = "A jti twice")]
    [TestCase("""{"sets":{},"moreAvailable":"yes"}""", TestName = "moreAvailable as a string")]
    [TestCase("""<html></html>""", TestName = "Not JSON")]
    public void A_malformed_response_is_refused_with_a_reason(string body)
    {
        PollResponse.TryParse(Encoding.UTF8.GetBytes(body), out var response, out var error).Should().BeFalse();

        response.Should().BeNull();
        error.Should().NotBeNullOrWhiteSpace();
    }

    [Test]
    public void A_parse_error_never_echoes_the_body()
    {
        const string secret = "eyJhbGciOiJub25lIn0.c2VjcmV0.";
        PollResponse.TryParse(Encoding.UTF8.GetBytes($$"""{"sets":{"a":"{{secret}}"},"moreAvailable":"{{secret}}"}"""), out _, out var error).Should().BeFalse();

        error.Should().NotContain(secret);
    }

    [Test]
    public void ToString_shows_counts_never_jti_values_or_SETs()
    {
        var request = new PollRequest { MaxEvents = 3, Acknowledgements = ["jti-secret"] };
        var response = new PollResponse { Sets = new Dictionary<string, string> { ["jti-secret"] = "eyJ.set.secret" } };

        request.ToString().Should().Contain("ack=1").And.NotContain("jti-secret");
        response.ToString().Should().Contain("sets=1").And.NotContain("secret");
    }

    private static PollRequest Parse(string name)
    {
        PollRequest.TryParse(Body(Vectors.Named(name)), out var request, out var error).Should().BeTrue(error ?? string.Empty);
        return request!;
    }
}
