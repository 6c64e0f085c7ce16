using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events.Scim;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Events.Scim;

/// <summary>Hand-made SETs that break one rule of draft-ietf-scim-events-16 are refused with <c>invalid_request</c>.</summary>
public class ScimEventValidationTests
{
    private const string Data = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"jdoe"}""";

    private static readonly string[] EveryType =
    [
        ScimEventTypes.FeedAdd, ScimEventTypes.FeedRemove, ScimEventTypes.CreateFull, ScimEventTypes.CreateNotice,
        ScimEventTypes.PatchFull, ScimEventTypes.PatchNotice, ScimEventTypes.PutFull, ScimEventTypes.PutNotice,
        ScimEventTypes.Delete, ScimEventTypes.Activate, ScimEventTypes.Deactivate, ScimEventTypes.AsyncResponse,
    ];

    private static IEnumerable<TestCaseData> ValidPayloads() => EveryType.Select(t => new TestCaseData(t, ValidPayload(t)).SetArgDisplayNames(t[ScimEventTypes.Prefix.Length..]));

    [TestCaseSource(nameof(ValidPayloads))]
    public async Task ValidateTokenAsync_ValidPayload_AcceptedTypedSCIM01(string eventType, string payload)
    {
        var token = ScimTokens.Token(eventType, payload, $"{ScimTokens.SubId},\"txn\":\"{ScimTokens.Txn}\"");

        var accepted = (await ScimTokens.ValidateAsync(token)).ShouldBeAccepted();

        accepted.Events.Single().Should().BeAssignableTo<ScimEvent>().Which.EventType.Should().Be(eventType);
    }

    [TestCaseSource(nameof(ValidPayloads))]
    public async Task ValidateTokenAsync_JwtSubUnderRfc8417_InvalidRequestNamingSubSCIM02(string eventType, string payload)
    {
        var token = ScimTokens.Token(eventType, payload, $"{ScimTokens.SubId},\"txn\":\"{ScimTokens.Txn}\",\"sub\":\"/Users/2819c223\"");

        var error = (await ScimTokens.ValidateAsync(token, SecurityEventProfile.Rfc8417)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'sub'").And.Contain("§2.1");
    }

    [TestCaseSource(nameof(ValidPayloads))]
    public async Task ValidateTokenAsync_NoSubIdUnderRfc8417_InvalidRequestNamingSubIdSCIM02(string eventType, string payload)
    {
        var token = ScimTokens.Token(eventType, payload, $"\"txn\":\"{ScimTokens.Txn}\"");

        var error = (await ScimTokens.ValidateAsync(token, SecurityEventProfile.Rfc8417)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'sub_id'").And.Contain("'scim'");
    }

    [TestCaseSource(nameof(ValidPayloads))]
    public async Task ValidateTokenAsync_SubIdOfAnotherFormat_InvalidRequestNamingSubIdSCIM02(string eventType, string payload)
    {
        var token = ScimTokens.Token(eventType, payload, $"{EventTokens.OpaqueSubId},\"txn\":\"{ScimTokens.Txn}\"");

        var error = (await ScimTokens.ValidateAsync(token)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'sub_id'").And.Contain("'scim'");
    }

    [TestCaseSource(nameof(ValidPayloads))]
    public async Task ValidateTokenAsync_SubIdInsideThePayload_InvalidRequestNamingSubIdSCIM02(string eventType, string payload)
    {
        var inside = payload[..^1] + (payload.Length > 2 ? "," : "") + "\"sub_id\":{\"format\":\"scim\",\"uri\":\"/Users/1\"}}";
        var token = ScimTokens.Token(eventType, inside, $"{ScimTokens.SubId},\"txn\":\"{ScimTokens.Txn}\"");

        var error = (await ScimTokens.ValidateAsync(token)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'sub_id'").And.Contain("payload");
    }

    [TestCase(ScimEventTypes.CreateFull, "{\"data\":" + Data + ",\"attributes\":[\"userName\"]}", "attributes")]
    [TestCase(ScimEventTypes.PutNotice, "{\"attributes\":[\"userName\"],\"data\":" + Data + "}", "data")]
    [TestCase(ScimEventTypes.PatchFull, "{\"attributes\":[\"members\"]}", "data")]
    [TestCase(ScimEventTypes.PatchNotice, "{\"data\":" + Data + "}", "attributes")]
    [TestCase(ScimEventTypes.CreateFull, "{\"data\":[]}", "data")]
    [TestCase(ScimEventTypes.CreateFull, "{\"data\":null}", "data")]
    [TestCase(ScimEventTypes.CreateNotice, "{\"attributes\":[]}", "attributes")]
    [TestCase(ScimEventTypes.CreateNotice, "{\"attributes\":[\"\"]}", "attributes")]
    [TestCase(ScimEventTypes.CreateNotice, "{\"attributes\":\"userName\"}", "attributes")]
    [TestCase(ScimEventTypes.Delete, "{\"data\":" + Data + "}", "data")]
    [TestCase(ScimEventTypes.Delete, "{\"attributes\":[\"userName\"]}", "attributes")]
    [TestCase(ScimEventTypes.Activate, "{\"data\":" + Data + "}", "data")]
    [TestCase(ScimEventTypes.FeedAdd, "{\"attributes\":[\"userName\"]}", "attributes")]
    [TestCase(ScimEventTypes.Deactivate, "{\"version\":\"\"}", "version")]
    [TestCase(ScimEventTypes.PutFull, "{\"data\":" + Data + ",\"version\":7}", "version")]
    public async Task ValidateTokenAsync_DataOrAttributesRuleBroken_InvalidRequestNamingMemberSCIM05(string eventType, string payload, string member)
    {
        var token = ScimTokens.Token(eventType, payload);

        var error = (await ScimTokens.ValidateAsync(token)).ShouldBeInvalidRequest();

        error.Description.Should().Contain(member);
    }

    [Test]
    public async Task ValidateTokenAsync_AsyncResponseWithoutTxn_InvalidRequestNamingTxnSCIM08()
    {
        var token = ScimTokens.Token(ScimEventTypes.AsyncResponse, """{"method":"PUT","status":"200"}""");

        var error = (await ScimTokens.ValidateAsync(token)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'txn'").And.Contain("§2.5.1.3");
    }

    [TestCase("""{"method":"PUT","status":"400"}""", "'response'")]
    [TestCase("""{"method":"PUT","status":"500","response":null}""", "'response'")]
    [TestCase("""{"method":"PUT","status":"400","response":{"detail":"x"}}""", "'response'")]
    [TestCase("""{"method":"PUT","status":"400","response":{"status":"400","scimType":1}}""", "'response'")]
    [TestCase("""{"method":"PUT","status":200}""", "status")]
    [TestCase("""{"method":"PUT","status":"2xx"}""", "'status'")]
    [TestCase("""{"method":"PUT"}""", "status")]
    [TestCase("""{"status":"200"}""", "method")]
    [TestCase("""{"method":"GET","status":"200"}""", "'method'")]
    [TestCase("""{"method":"POST","bulkId":"qwerty","status":"201"}""", "'bulkId'")]
    [TestCase("""{"method":"POST","bulkId":"","status":"201"}""", "'bulkId'")]
    [TestCase("""{"method":"PUT","status":"200","version":""}""", "'version'")]
    public async Task ValidateTokenAsync_AsyncResponseRuleBroken_InvalidRequestNamingMemberSCIM08(string payload, string member)
    {
        var token = ScimTokens.Token(ScimEventTypes.AsyncResponse, payload, $"{ScimTokens.SubId},\"txn\":\"{ScimTokens.Txn}\"");

        var error = (await ScimTokens.ValidateAsync(token)).ShouldBeInvalidRequest();

        error.Description.Should().Contain(member);
    }

    [Test]
    public async Task ValidateTokenAsync_AsyncResponseWithBulkIdAndBulkTxn_AcceptedSCIM07()
    {
        var token = ScimTokens.Token(ScimEventTypes.AsyncResponse, """{"method":"POST","bulkId":"qwerty","status":"201"}""", $"{ScimTokens.SubId},\"txn\":\"{ScimTokens.Txn}:0\"");

        var asyncresp = (await ScimTokens.ValidateAsync(token)).ShouldBeAccepted().GetEvent<ScimAsyncResponse>()!;

        asyncresp.BulkId.Should().Be("qwerty");
    }

    [Test]
    public async Task ValidateTokenAsync_DeleteWithUnknownMembers_KeepsThemSCIM05()
    {
        var token = ScimTokens.Token(ScimEventTypes.Delete, """{"reason":"left the company","version":"W/\"1\""}""");

        var delete = (await ScimTokens.ValidateAsync(token)).ShouldBeAccepted().GetEvent<ScimDelete>()!;

        delete.AdditionalMembers!.Keys.Should().Equal("reason", "version");
    }

    [Test]
    public async Task ValidateTokenAsync_UnknownMembers_SurviveCreateAndValidate()
    {
        var payload = "{\"data\":" + Data + ",\"x-source\":{\"system\":\"hr\",\"n\":1.50},\"version\":\"W/\\\"a\\\"\"}";
        var first = (await ScimTokens.ValidateAsync(ScimTokens.Token(ScimEventTypes.CreateFull, payload))).ShouldBeAccepted();
        var descriptor = SecurityEventTokenDescriptor.FromToken(first);
        descriptor.SigningCredentials = Some.Credentials("HS256");
        descriptor.Profile = SecurityEventProfile.SharedSignals;

        var second = await ScimTokens.RoundTripAsync(descriptor);

        var written = second.Payload.GetProperty("events").GetProperty(ScimEventTypes.CreateFull);
        System.Text.Json.JsonElement.DeepEquals(written, System.Text.Json.JsonElement.Parse(payload)).Should().BeTrue(written.GetRawText());
        second.GetEvent<ScimCreateFull>()!.AdditionalMembers!.Keys.Should().Equal("x-source");
    }

    private static string ValidPayload(string eventType) => eventType switch
    {
        ScimEventTypes.CreateFull or ScimEventTypes.PatchFull or ScimEventTypes.PutFull => "{\"data\":" + Data + "}",
        ScimEventTypes.CreateNotice or ScimEventTypes.PatchNotice or ScimEventTypes.PutNotice => """{"attributes":["userName"]}""",
        ScimEventTypes.AsyncResponse => """{"method":"PUT","status":"200"}""",
        _ => "{}",
    };
}
