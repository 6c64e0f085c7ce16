using System.Text;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>
/// The stream management bodies of OpenID SSF 1.0 §8 against hostile JSON and the rules the figures do not show:
/// PATCH writes only what is set, absent <c>verified</c> means true, <c>aud</c> keeps its shape, credentials stay out of
/// <c>ToString</c>.
/// </summary>
public class SsfStreamMessageTests
{
    private const string Config = """
        {"stream_id":"s1","iss":"https://tr.example.com","aud":"https://receiver.example.com","events_delivered":[],
         "delivery":{"method":"urn:ietf:rfc:8936","endpoint_url":"https://tr.example.com/poll/s1"}}
        """;

    [TestCase("stream_id")]
    [TestCase("iss")]
    [TestCase("aud")]
    [TestCase("delivery")]
    [TestCase("events_delivered")]
    public void SSF_23_A_configuration_without_a_required_member_is_refused(string member)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Config)!.AsObject();
        node.Remove(member);

        SsfStreamConfiguration.TryParse(Encoding.UTF8.GetBytes(node.ToJsonString()), out var configuration, out var error).Should().BeFalse();

        configuration.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }

    [TestCase("""{"stream_id":"s1","stream_id":"s2","iss":"https://tr.example.com","aud":"a","events_delivered":[],"delivery":{"method":"m"}}""", TestName = "Duplicate stream_id")]
    [TestCase("""{"stream_id":"s1","iss":"https://tr.example.com","aud":"a","events_delivered":[],"delivery":{"method":"m"},"x":1,"x":2}""", TestName = "Duplicate unknown member")]
    [TestCase("""{"stream_id":"s1","iss":"https://tr.example.com","aud":"a","events_delivered":[],"delivery":{"method":"m","method":"n"}}""", TestName = "Duplicate delivery member")]
    [TestCase("""{"stream_id":1,"iss":"https://tr.example.com","aud":"a","events_delivered":[],"delivery":{"method":"m"}}""", TestName = "Numeric stream_id")]
    [TestCase("""{"stream_id":null,"iss":"https://tr.example.com","aud":"a","events_delivered":[],"delivery":{"method":"m"}}""", TestName = "Null stream_id")]
    [TestCase("""{"stream_id":"","iss":"https://tr.example.com","aud":"a","events_delivered":[],"delivery":{"method":"m"}}""", TestName = "Empty stream_id")]
    [TestCase("""{"stream_id":"s1","iss":"tr.example.com","aud":"a","events_delivered":[],"delivery":{"method":"m"}}""", TestName = "Relative iss")]
    [TestCase("""{"stream_id":"s1","iss":"https://tr.example.com","aud":5,"events_delivered":[],"delivery":{"method":"m"}}""", TestName = "Numeric aud")]
    [TestCase("""{"stream_id":"s1","iss":"https://tr.example.com","aud":["a",5],"events_delivered":[],"delivery":{"method":"m"}}""", TestName = "Numeric aud entry")]
    [TestCase("""{"stream_id":"s1","iss":"https://tr.example.com","aud":[],"events_delivered":[],"delivery":{"method":"m"}}""", TestName = "Empty aud")]
    [TestCase("""{"stream_id":"s1","iss":"https://tr.example.com","aud":"a","events_delivered":"x","delivery":{"method":"m"}}""", TestName = "String events_delivered")]
    [TestCase("""{"stream_id":"s1","iss":"https://tr.example.com","aud":"a","events_delivered":[null],"delivery":{"method":"m"}}""", TestName = "Null event type")]
    [TestCase("""{"stream_id":"s1","iss":"https://tr.example.com","aud":"a","events_delivered":[],"delivery":{}}""", TestName = "Delivery without method")]
    [TestCase("""{"stream_id":"s1","iss":"https://tr.example.com","aud":"a","events_delivered":[],"delivery":{"method":"m","endpoint_url":"/events"}}""", TestName = "Relative endpoint_url")]
    [TestCase("""{"stream_id":"s1","iss":"https://tr.example.com","aud":"a","events_delivered":[],"delivery":{"method":"m"},"min_verification_interval":"60"}""", TestName = "String min_verification_interval")]
    [TestCase("""{"stream_id":"s1","iss":"https://tr.example.com","aud":"a","events_delivered":[],"delivery":{"method":"m"},"inactivity_timeout":-1}""", TestName = "Negative inactivity_timeout")]
    [TestCase("""[{"stream_id":"s1"}]""", TestName = "An array where one configuration is expected")]
    [TestCase("""{"stream_id":"s1",""", TestName = "Truncated JSON")]
    public void SSF_23_Hostile_configurations_are_refused(string json)
    {
        SsfStreamConfiguration.TryParse(Encoding.UTF8.GetBytes(json), out var configuration, out var error).Should().BeFalse();

        configuration.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }

    [TestCase("""{"stream_id":"s1","iss":"https://tr.example.com","aud":"a","events_delivered":[],"delivery":{"method":"m"}}""", TestName = "An object where the list is expected")]
    [TestCase("null", TestName = "Null where the list is expected")]
    [TestCase("[null]", TestName = "A null entry")]
    [TestCase("""[{"stream_id":"s1"}]""", TestName = "An entry without its required members")]
    public void SSF_25_A_list_response_that_is_not_an_array_of_configurations_is_refused(string json)
    {
        SsfStreamConfiguration.TryParseList(Encoding.UTF8.GetBytes(json), out var configurations, out var error).Should().BeFalse();

        configurations.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }

    [Test]
    public void SSF_23_Aud_is_written_in_the_shape_it_was_read()
    {
        Written(Config).GetProperty("aud").ValueKind.Should().Be(JsonValueKind.String);
        Written(Config.Replace("\"aud\":\"https://receiver.example.com\"", "\"aud\":[\"https://receiver.example.com\"]", StringComparison.Ordinal))
            .GetProperty("aud").ValueKind.Should().Be(JsonValueKind.Array);
    }

    [Test]
    public void SSF_23_Aud_built_in_code_is_a_string_for_one_value_and_an_array_for_several()
    {
        static JsonElement Aud(params string[] audience)
        {
            var configuration = new SsfStreamConfiguration
            {
                StreamId = "s1",
                Issuer = "https://tr.example.com",
                Audience = audience,
                EventsDelivered = [],
                Delivery = new SsfDelivery { Method = SsfDeliveryMethods.Poll },
            };
            return JsonDocument.Parse(configuration.ToUtf8Json()).RootElement.GetProperty("aud").Clone();
        }

        Aud("a").ValueKind.Should().Be(JsonValueKind.String);
        Aud("a", "b").ValueKind.Should().Be(JsonValueKind.Array);
    }

    [Test]
    public void SSF_15_Unknown_members_are_kept_and_written_back()
    {
        var json = Config.Replace("\"stream_id\":\"s1\"", "\"stream_id\":\"s1\",\"x_vendor\":{\"a\":[1,2]}", StringComparison.Ordinal)
            .Replace("\"method\":\"urn:ietf:rfc:8936\"", "\"method\":\"urn:ietf:rfc:8936\",\"x_param\":true", StringComparison.Ordinal);

        SsfStreamConfiguration.TryParse(Encoding.UTF8.GetBytes(json), out var configuration, out var error).Should().BeTrue(error);

        configuration!.AdditionalMembers.Should().ContainKey("x_vendor");
        configuration.Delivery.AdditionalMembers.Should().ContainKey("x_param");
        using var expected = JsonDocument.Parse(json);
        JsonElement.DeepEquals(Written(json), expected.RootElement).Should().BeTrue();
    }

    [Test]
    public void SSF_26_A_PATCH_writes_only_the_members_that_are_set()
    {
        var patch = new SsfStreamRequest { StreamId = "s1", Description = "new" };

        Encoding.UTF8.GetString(patch.ToUtf8Json()).Should().Be("""{"stream_id":"s1","description":"new"}""");
    }

    [Test]
    public void SSF_26_27_Update_and_replace_bodies_without_stream_id_are_refused_but_create_takes_one_without()
    {
        var body = Encoding.UTF8.GetBytes("""{"events_requested":["urn:example:e"]}""");

        SsfStreamRequest.TryParse(body, SsfStreamOperation.Update, out _, out var patchError).Should().BeFalse();
        SsfStreamRequest.TryParse(body, SsfStreamOperation.Replace, out _, out var putError).Should().BeFalse();
        SsfStreamRequest.TryParse(body, SsfStreamOperation.Create, out var create, out var error).Should().BeTrue(error);

        patchError.Should().Contain("stream_id");
        putError.Should().Contain("stream_id");
        create!.Delivery.Should().BeNull("a create without delivery asks for poll");
    }

    [Test]
    public void SSF_27_A_PUT_from_a_read_configuration_carries_stream_id_and_every_receiver_supplied_member_only()
    {
        SsfStreamConfiguration.TryParse(SsfStreamVectorTests.Body(Vectors.Named("ssf-fig24-read-stream-response")), out var configuration, out _).Should().BeTrue();

        var put = configuration!.ToReplaceRequest() with { Description = null };
        var written = JsonDocument.Parse(put.ToUtf8Json()).RootElement;

        written.EnumerateObject().Select(m => m.Name).Should().BeEquivalentTo("stream_id", "delivery", "events_requested");
        written.GetProperty("stream_id").GetString().Should().Be("f67e39a0a4d34d56b3aa1bc4cff0069f");
    }

    [Test]
    public void SSF_26_A_stream_request_refuses_duplicates_and_wrong_types()
    {
        SsfStreamRequest.TryParse("""{"stream_id":"s1","description":"a","description":"b"}"""u8, SsfStreamOperation.Update, out _, out _).Should().BeFalse();
        SsfStreamRequest.TryParse("""{"stream_id":"s1","events_requested":"urn:example:e"}"""u8, SsfStreamOperation.Update, out _, out _).Should().BeFalse();
        SsfStreamRequest.TryParse("""{"stream_id":"s1","delivery":{"method":""}}"""u8, SsfStreamOperation.Update, out _, out _).Should().BeFalse();
    }

    [Test]
    public void SSF_26_Only_create_update_and_replace_have_a_stream_request_body()
    {
        var parse = () => SsfStreamRequest.TryParse("{}"u8, SsfStreamOperation.Verify, out _, out _);

        parse.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void SSF_16_ToString_never_prints_the_authorization_header()
    {
        const string secret = "Bearer s3cr3t-t0ken";
        var delivery = new SsfDelivery { Method = SsfDeliveryMethods.Push, EndpointUrl = "https://receiver.example.com/events", AuthorizationHeader = secret };
        var configuration = new SsfStreamConfiguration
        {
            StreamId = "s1",
            Issuer = "https://tr.example.com",
            Audience = ["a"],
            EventsDelivered = [],
            Delivery = delivery,
        };
        var request = new SsfStreamRequest { Delivery = delivery };

        delivery.ToString().Should().NotContain("s3cr3t").And.Contain("(set)");
        configuration.ToString().Should().NotContain("s3cr3t");
        request.ToString().Should().NotContain("s3cr3t");
        Encoding.UTF8.GetString(request.ToUtf8Json()).Should().Contain("authorization_header", "the credential still goes on the wire");
    }

    [Test]
    public void SSF_33_An_absent_verified_means_true_and_stays_absent_when_written()
    {
        SsfAddSubjectRequest.TryParse("""{"stream_id":"s1","subject":{"format":"email","email":"u@example.com"}}"""u8, out var request, out var error).Should().BeTrue(error);

        request!.Verified.Should().BeNull();
        request.IsVerified.Should().BeTrue();
        JsonDocument.Parse(request.ToUtf8Json()).RootElement.TryGetProperty("verified", out _).Should().BeFalse();
    }

    [Test]
    public void SSF_33_An_explicit_false_verified_is_kept()
    {
        SsfAddSubjectRequest.TryParse("""{"stream_id":"s1","subject":{"format":"opaque","id":"x"},"verified":false}"""u8, out var request, out _).Should().BeTrue();

        request!.IsVerified.Should().BeFalse();
    }

    [TestCase("""{"stream_id":"s1"}""", TestName = "No subject")]
    [TestCase("""{"subject":{"format":"opaque","id":"x"}}""", TestName = "No stream_id")]
    [TestCase("""{"stream_id":"s1","subject":null}""", TestName = "Null subject")]
    [TestCase("""{"stream_id":"s1","subject":{"format":"email"}}""", TestName = "Subject without its required member")]
    [TestCase("""{"stream_id":"s1","subject":{"format":"email","email":"u@example.com","extra":1}}""", TestName = "Subject with an undescribed member")]
    [TestCase("""{"stream_id":"s1","subject":{"subject_type":"email","email":"u@example.com"}}""", TestName = "Legacy subject_type")]
    [TestCase("""{"stream_id":"s1","subject":"u@example.com"}""", TestName = "Subject as a string")]
    [TestCase("""{"stream_id":"s1","subject":{"format":"opaque","id":"x"},"verified":"true"}""", TestName = "String verified")]
    [TestCase("""{"stream_id":"s1","stream_id":"s2","subject":{"format":"opaque","id":"x"}}""", TestName = "Duplicate stream_id in subject request")]
    public void SSF_33_34_Hostile_subject_requests_are_refused(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);

        SsfAddSubjectRequest.TryParse(body, out var add, out var addError).Should().BeFalse();
        add.Should().BeNull();
        addError.Should().NotBeNullOrEmpty();
        if (!json.Contains("verified", StringComparison.Ordinal))
        {
            SsfRemoveSubjectRequest.TryParse(body, out _, out _).Should().BeFalse();
        }
    }

    [Test]
    public void SSF_33_A_complex_subject_reads_and_writes_back()
    {
        const string json = """{"stream_id":"s1","subject":{"format":"complex","user":{"format":"email","email":"u@example.com"},"tenant":{"format":"opaque","id":"t"}}}""";

        SsfAddSubjectRequest.TryParse(Encoding.UTF8.GetBytes(json), out var request, out var error).Should().BeTrue(error);

        request!.Subject.Should().BeOfType<ComplexSubjectIdentifier>();
        using var expected = JsonDocument.Parse(json);
        JsonElement.DeepEquals(JsonDocument.Parse(request.ToUtf8Json()).RootElement, expected.RootElement).Should().BeTrue();
        request.ToString().Should().NotContain("u@example.com");
    }

    [TestCase("""{"stream_id":"s1","status":"Paused"}""", TestName = "Status in the wrong case")]
    [TestCase("""{"stream_id":"s1","status":"deleted"}""", TestName = "Undefined status")]
    [TestCase("""{"stream_id":"s1"}""", TestName = "No status")]
    [TestCase("""{"status":"enabled"}""", TestName = "No stream_id in status")]
    [TestCase("""{"stream_id":"s1","status":"enabled","reason":7}""", TestName = "Numeric reason")]
    [TestCase("""{"stream_id":"s1","status":"enabled","status":"paused"}""", TestName = "Duplicate status")]
    public void SSF_30_31_Hostile_statuses_are_refused(string json)
    {
        SsfStreamStatus.TryParse(Encoding.UTF8.GetBytes(json), out var status, out var error).Should().BeFalse();

        status.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }

    [TestCase("""{"state":"abc"}""", TestName = "No stream_id in verification")]
    [TestCase("""{"stream_id":"s1","state":5}""", TestName = "Numeric state")]
    [TestCase("""{"stream_id":"s1","state":"a","state":"b"}""", TestName = "Duplicate state")]
    [TestCase("""[]""", TestName = "An array where the verification request is expected")]
    public void SSF_37_Hostile_verification_requests_are_refused(string json)
    {
        SsfVerificationRequest.TryParse(Encoding.UTF8.GetBytes(json), out var request, out var error).Should().BeFalse();

        request.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }

    [Test]
    public void SSF_37_A_verification_request_without_state_writes_no_state()
    {
        var request = new SsfVerificationRequest { StreamId = "s1" };

        Encoding.UTF8.GetString(request.ToUtf8Json()).Should().Be("""{"stream_id":"s1"}""");
        request.ToString().Should().Contain("state=-");
    }

    [Test]
    public void Parse_errors_never_echo_the_body()
    {
        SsfStreamConfiguration.TryParse("""{"stream_id":"s1","delivery":{"method":"m","authorization_header":42}}"""u8, out _, out var error).Should().BeFalse();

        error.Should().NotContain("42");
    }

    private static JsonElement Written(string json)
    {
        SsfStreamConfiguration.TryParse(Encoding.UTF8.GetBytes(json), out var configuration, out var error).Should().BeTrue(error);
        return JsonDocument.Parse(configuration!.ToUtf8Json()).RootElement.Clone();
    }
}
