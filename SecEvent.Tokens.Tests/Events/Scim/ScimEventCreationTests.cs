using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Events.Scim;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Events.Scim;

/// <summary>CreateToken refuses SCIM events that break the draft, naming the member.</summary>
public class ScimEventCreationTests
{
    private static readonly JsonElement User = ScimTokens.Json("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"jdoe"}""");

    private static IEnumerable<TestCaseData> EveryEvent()
    {
        yield return new TestCaseData(new ScimFeedAdd()).SetArgDisplayNames("feed:add");
        yield return new TestCaseData(new ScimFeedRemove()).SetArgDisplayNames("feed:remove");
        yield return new TestCaseData(new ScimCreateFull { Data = User }).SetArgDisplayNames("prov:create:full");
        yield return new TestCaseData(new ScimCreateNotice { Attributes = ["userName"] }).SetArgDisplayNames("prov:create:notice");
        yield return new TestCaseData(new ScimPatchFull { Data = User }).SetArgDisplayNames("prov:patch:full");
        yield return new TestCaseData(new ScimPatchNotice { Attributes = ["members"] }).SetArgDisplayNames("prov:patch:notice");
        yield return new TestCaseData(new ScimPutFull { Data = User }).SetArgDisplayNames("prov:put:full");
        yield return new TestCaseData(new ScimPutNotice { Attributes = ["emails"] }).SetArgDisplayNames("prov:put:notice");
        yield return new TestCaseData(new ScimDelete()).SetArgDisplayNames("prov:delete");
        yield return new TestCaseData(new ScimActivate()).SetArgDisplayNames("prov:activate");
        yield return new TestCaseData(new ScimDeactivate()).SetArgDisplayNames("prov:deactivate");
        yield return new TestCaseData(new ScimAsyncResponse { Method = "PUT", Status = "200" }).SetArgDisplayNames("misc:asyncresp");
    }

    private static IEnumerable<TestCaseData> EventsWithoutData() => EveryEvent().Where(c => c.Arguments[0] is not ScimFullEvent);

    private static IEnumerable<TestCaseData> EventsWithoutAttributes() => EveryEvent().Where(c => c.Arguments[0] is not ScimNoticeEvent);

    [TestCaseSource(nameof(EveryEvent))]
    public async Task CreateToken_ValidEvent_RoundTripsEqualSCIM01(SecurityEvent e)
    {
        var token = await ScimTokens.RoundTripAsync(ScimTokens.Descriptor(e, ScimTokens.Txn));

        token.Events.Should().ContainSingle().Which.Should().Be(e);
        token.SubjectId.Should().Be(ScimTokens.Subject);
    }

    [TestCaseSource(nameof(EveryEvent))]
    public void CreateToken_WithJwtSub_RefusedNamingSubSCIM02(SecurityEvent e)
    {
        var descriptor = ScimTokens.Descriptor(e, ScimTokens.Txn);
        descriptor.Profile = SecurityEventProfile.Rfc8417;
        descriptor.Subject = "https://scim.example.com/Users/2819c223";

        Refused(descriptor).Should().Contain("'sub'").And.Contain("§2.1");
    }

    [TestCaseSource(nameof(EveryEvent))]
    public void CreateToken_WithoutSubId_RefusedNamingSubIdSCIM02(SecurityEvent e)
    {
        var descriptor = ScimTokens.Descriptor(e, ScimTokens.Txn);
        descriptor.Profile = SecurityEventProfile.Rfc8417;
        descriptor.SubjectId = null;

        Refused(descriptor).Should().Contain("'sub_id'").And.Contain("'scim'").And.Contain("§2.1");
    }

    [TestCaseSource(nameof(EveryEvent))]
    public void CreateToken_SubIdOfAnotherFormat_RefusedNamingSubIdSCIM02(SecurityEvent e) =>
        Refused(ScimTokens.Descriptor(e, ScimTokens.Txn, new UriSubjectIdentifier { Uri = "https://scim.example.com/Users/2819c223" }))
            .Should().Contain("'sub_id'").And.Contain("'scim'");

    [TestCaseSource(nameof(EveryEvent))]
    public void CreateToken_SubIdInsideThePayload_RefusedNamingSubIdSCIM02(SecurityEvent e)
    {
        var inside = e with { AdditionalMembers = new Dictionary<string, JsonElement> { ["sub_id"] = ScimTokens.Json("""{"format":"scim","uri":"/Users/1"}""") } };

        Refused(ScimTokens.Descriptor(inside, ScimTokens.Txn)).Should().Contain("'sub_id'").And.Contain("payload");
    }

    [TestCaseSource(nameof(EventsWithoutData))]
    public void CreateToken_DataOnAnEventNotEndingInFull_RefusedNamingDataSCIM05(SecurityEvent e)
    {
        var withData = e with { AdditionalMembers = new Dictionary<string, JsonElement> { ["data"] = User } };

        Refused(ScimTokens.Descriptor(withData, ScimTokens.Txn)).Should().Contain("'data'").And.Contain("§2.4");
    }

    [TestCaseSource(nameof(EventsWithoutAttributes))]
    public void CreateToken_AttributesOnAnEventNotEndingInNotice_RefusedNamingAttributesSCIM05(SecurityEvent e)
    {
        var withAttributes = e with { AdditionalMembers = new Dictionary<string, JsonElement> { ["attributes"] = ScimTokens.Json("""["userName"]""") } };

        Refused(ScimTokens.Descriptor(withAttributes, ScimTokens.Txn)).Should().Contain("'attributes'").And.Contain("§2.4");
    }

    [TestCase("[]")]
    [TestCase("\"jdoe\"")]
    [TestCase("null")]
    public void CreateToken_FullDataNotAnObject_RefusedNamingDataSCIM05(string data) =>
        Refused(ScimTokens.Descriptor(new ScimPutFull { Data = ScimTokens.Json(data) })).Should().Contain("'data'");

    [Test]
    public void CreateToken_FullDataUnset_RefusedNamingDataSCIM05() =>
        Refused(ScimTokens.Descriptor(new ScimCreateFull { Data = default })).Should().Contain("'data'");

    [Test]
    public void CreateToken_NoticeWithoutAttributeNames_RefusedNamingAttributesSCIM05() =>
        Refused(ScimTokens.Descriptor(new ScimCreateNotice { Attributes = [] })).Should().Contain("'attributes'");

    [Test]
    public void CreateToken_NoticeWithEmptyAttributeName_RefusedNamingAttributesSCIM04() =>
        Refused(ScimTokens.Descriptor(new ScimPatchNotice { Attributes = ["members", ""] })).Should().Contain("'attributes'");

    [Test]
    public void CreateToken_EmptyVersion_RefusedNamingVersionSCIM04() =>
        Refused(ScimTokens.Descriptor(new ScimPatchFull { Data = User, Version = "" })).Should().Contain("'version'");

    [Test]
    public void CreateToken_AsyncResponseWithoutTxn_RefusedNamingTxnSCIM08() =>
        Refused(ScimTokens.Descriptor(new ScimAsyncResponse { Method = "PUT", Status = "200" })).Should().Contain("'txn'").And.Contain("§2.5.1.3");

    [Test]
    public void CreateToken_AsyncErrorWithoutResponse_RefusedNamingResponseSCIM08() =>
        Refused(ScimTokens.Descriptor(new ScimAsyncResponse { Method = "PUT", Status = "400" }, ScimTokens.Txn)).Should().Contain("'response'");

    [TestCase("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"no status"}""")]
    [TestCase("""{"status":400}""")]
    [TestCase("""{"status":""}""")]
    [TestCase("""{"status":"400","detail":7}""")]
    [TestCase("\"400\"")]
    public void CreateToken_AsyncResponseNotAScimError_RefusedNamingResponseSCIM08(string response) =>
        Refused(ScimTokens.Descriptor(new ScimAsyncResponse { Method = "PUT", Status = "400", Response = ScimTokens.Json(response) }, ScimTokens.Txn))
            .Should().Contain("'response'");

    [TestCase("20")]
    [TestCase("2000")]
    [TestCase("OK")]
    [TestCase("600")]
    [TestCase("")]
    public void CreateToken_AsyncResponseStatusNotAStatusCode_RefusedNamingStatusSCIM08(string status) =>
        Refused(ScimTokens.Descriptor(new ScimAsyncResponse { Method = "PUT", Status = status }, ScimTokens.Txn)).Should().Contain("'status'");

    [TestCase("GET")]
    [TestCase("put")]
    [TestCase("")]
    public void CreateToken_AsyncResponseMethodNotScim_RefusedNamingMethodSCIM08(string method) =>
        Refused(ScimTokens.Descriptor(new ScimAsyncResponse { Method = method, Status = "200" }, ScimTokens.Txn)).Should().Contain("'method'");

    [Test]
    public void CreateToken_BulkOperationWithoutBulkTxn_RefusedNamingTxnSCIM07() =>
        Refused(ScimTokens.Descriptor(new ScimAsyncResponse { Method = "POST", BulkId = "qwerty", Status = "201" }, ScimTokens.Txn))
            .Should().Contain("'bulkId'").And.Contain("'txn'").And.Contain("§2.5.1.2");

    [Test]
    public async Task CreateToken_BulkOperationWithBulkTxn_RoundTripsSCIM07()
    {
        var e = new ScimAsyncResponse { Method = "POST", BulkId = "qwerty", Status = "201" };

        var token = await ScimTokens.RoundTripAsync(ScimTokens.Descriptor(e, ScimTransaction.Create(ScimTokens.Txn, 0)));

        token.TransactionId.Should().Be(ScimTokens.Txn + ":0");
        token.GetEvent<ScimAsyncResponse>().Should().Be(e);
    }

    [Test]
    public async Task CreateToken_AsyncErrorWithScimError_RoundTripsSCIM08()
    {
        var e = new ScimAsyncResponse
        {
            Method = "PATCH",
            Status = "409",
            Response = ScimTokens.Json("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"scimType":"uniqueness","status":"409"}"""),
        };

        var token = await ScimTokens.RoundTripAsync(ScimTokens.Descriptor(e, ScimTokens.Txn));

        token.GetEvent<ScimAsyncResponse>().Should().Be(e);
        token.GetEvent<ScimAsyncResponse>().Should().NotBe(e with { Response = ScimTokens.Json("""{"status":"409"}""") });
    }

    [TestCaseSource(nameof(EveryEvent))]
    public async Task CreateToken_UnknownMember_SurvivesTheRoundTrip(SecurityEvent e)
    {
        var extended = e with { AdditionalMembers = new Dictionary<string, JsonElement> { ["x-extra"] = ScimTokens.Json("""{"n":1.50}""") } };

        var token = await ScimTokens.RoundTripAsync(ScimTokens.Descriptor(extended, ScimTokens.Txn));

        token.Payload.GetProperty("events").GetProperty(e.EventType).GetProperty("x-extra").GetRawText().Should().Be("""{"n":1.50}""");
        token.Events.Single().AdditionalMembers!.Keys.Should().Equal("x-extra");
    }

    private static string Refused(SecurityEventTokenDescriptor descriptor)
    {
        var error = FluentActions.Invoking(() => Some.Handler().CreateToken(descriptor))
            .Should().Throw<SecurityEventTokenException>().Which.Error;
        error.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
        return error.Description!;
    }
}
