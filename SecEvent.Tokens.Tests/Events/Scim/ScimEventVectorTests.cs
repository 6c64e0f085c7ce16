using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Events.Scim;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;
using SecEvent.Tokens.Tests.Vectors;

namespace SecEvent.Tokens.Tests.Events.Scim;

/// <summary>Every SET of draft-ietf-scim-events-16 (../shared/vectors/scim-events-*.json) read typed and written back.</summary>
public class ScimEventVectorTests
{
    private static readonly Dictionary<string, Type> Expected = new(StringComparer.Ordinal)
    {
        ["scim-events-fig2-feed-add"] = typeof(ScimFeedAdd),
        ["scim-events-fig3-feed-remove"] = typeof(ScimFeedRemove),
        ["scim-events-fig4-create-full"] = typeof(ScimCreateFull),
        ["scim-events-fig5-create-notice"] = typeof(ScimCreateNotice),
        ["scim-events-fig6-patch-full"] = typeof(ScimPatchFull),
        ["scim-events-fig7-patch-notice"] = typeof(ScimPatchNotice),
        ["scim-events-fig8-put-full"] = typeof(ScimPutFull),
        ["scim-events-fig9-put-notice"] = typeof(ScimPutNotice),
        ["scim-events-fig10-delete"] = typeof(ScimDelete),
        ["scim-events-fig11-activate"] = typeof(ScimActivate),
        ["scim-events-fig14-asyncresp"] = typeof(ScimAsyncResponse),
        ["scim-events-fig15-asyncresp-error"] = typeof(ScimAsyncResponse),
        ["scim-events-fig16-asyncresp-bulk-1"] = typeof(ScimAsyncResponse),
        ["scim-events-fig17-asyncresp-bulk-2"] = typeof(ScimAsyncResponse),
        ["scim-events-fig18-asyncresp-bulk-3"] = typeof(ScimAsyncResponse),
        ["scim-events-fig19-asyncresp-bulk-4"] = typeof(ScimAsyncResponse),
    };

    private static IEnumerable<TestVector> ScimSets() =>
        Support.Vectors.OfKind("set-payload").Where(v => v.Valid && v.Name.StartsWith("scim-events-", StringComparison.Ordinal));

    [Test]
    public void Vectors_EveryValidScimSet_HasAnExpectedRecordSCIM01() =>
        ScimSets().Select(v => v.Name).Should().BeEquivalentTo(Expected.Keys);

    [TestCaseSource(nameof(ScimSets))]
    public async Task ValidateTokenAsync_ScimVector_ReadsTheTypedRecordSCIM01(TestVector vector)
    {
        var accepted = await ValidateAsync(vector);

        var e = accepted.Events.Should().ContainSingle().Subject;
        e.Should().BeOfType(Expected[vector.Name]);
        e.Should().NotBeOfType<UnknownSecurityEvent>();
        e.AdditionalMembers.Should().BeNull("every member of the draft's examples is declared");
        accepted.SubjectId.Should().BeOfType<ScimSubjectIdentifier>();
    }

    [TestCaseSource(nameof(ScimSets))]
    public async Task CreateToken_TypedScimVector_WritesEqualJsonSCIM01(TestVector vector)
    {
        var first = await ValidateAsync(vector);
        var descriptor = SecurityEventTokenDescriptor.FromToken(first);
        descriptor.Profile = SecurityEventProfile.SharedSignals;
        descriptor.SigningCredentials = Some.Credentials("ES256");
        var handler = Some.Handler(SpecTokens.ClockFor(vector.Data));

        var second = await handler.ValidateTokenAsync(handler.CreateToken(descriptor), SpecTokens.ParametersFor(vector.Data, SecurityEventProfile.SharedSignals));

        second.Error.Should().BeNull();
        var written = second.Token!.Payload;
        JsonElement.DeepEquals(written.GetProperty("events"), vector.Data.GetProperty("events")).Should().BeTrue(written.GetProperty("events").GetRawText());
        JsonElement.DeepEquals(written.GetProperty("sub_id"), vector.Data.GetProperty("sub_id")).Should().BeTrue();
        JsonElement.DeepEquals(AudienceAsArray(written), vector.Data).Should().BeTrue(written.GetRawText());
        second.Token.Events.Should().Equal(first.Events);
    }

    [Test]
    public async Task ValidateTokenAsync_Figure15_ReadsTheScimErrorSCIM08()
    {
        var asyncresp = (await ValidateAsync(Support.Vectors.Named("scim-events-fig15-asyncresp-error"))).GetEvent<ScimAsyncResponse>()!;

        asyncresp.Method.Should().Be("PUT");
        asyncresp.Status.Should().Be("400");
        asyncresp.Version.Should().Be("W/\"huJj29dMNgu3WXPD\"");
        asyncresp.Response!.Value.GetProperty("scimType").GetString().Should().Be("invalidSyntax");
    }

    [Test]
    public async Task ValidateTokenAsync_Figure16_ReadsBulkIdAndTheBulkTxnSCIM07()
    {
        var token = await ValidateAsync(Support.Vectors.Named("scim-events-fig16-asyncresp-bulk-1"));

        token.GetEvent<ScimAsyncResponse>()!.BulkId.Should().Be("qwerty");
        ScimTransaction.TryParse(token.TransactionId, out var setTxn, out var index).Should().BeTrue();
        (setTxn, index).Should().Be(("2d80e537a3f64622b0347b641ebc8f44", 1));
    }

    [Test]
    public async Task ValidateTokenAsync_Figure4_ReadsDataAndSubjectSCIM05()
    {
        var token = await ValidateAsync(Support.Vectors.Named("scim-events-fig4-create-full"));

        token.GetEvent<ScimCreateFull>()!.Data.GetProperty("userName").GetString().Should().Be("jdoe");
        token.SubjectId.Should().Be(new ScimSubjectIdentifier { Uri = "/Users/44f6142df96bd6ab61e7521d9", ExternalId = "jdoe" });
    }

    [Test]
    public async Task ValidateTokenAsync_Figure7_ReadsAttributesAndVersionSCIM05()
    {
        var notice = (await ValidateAsync(Support.Vectors.Named("scim-events-fig7-patch-notice"))).GetEvent<ScimPatchNotice>()!;

        notice.Should().Be(new ScimPatchNotice { Attributes = ["members"], Version = "a330bc54f0671c9" });
    }

    [Test]
    public async Task ValidateTokenAsync_Figure1SubjectExampleWithEmptyEvents_RefusedSCIM02()
    {
        // Figure 1 only shows the sub_id: its events claim is empty and it has no jti.
        var vector = Support.Vectors.Named("scim-events-fig1-subject-id");
        var token = SpecTokens.Sign(SpecTokens.Header(SecurityEventProfile.SharedSignals), vector.Data.GetRawText());

        var result = await Some.Handler(SpecTokens.ClockFor(vector.Data)).ValidateTokenAsync(token, SpecTokens.ParametersFor(vector.Data, SecurityEventProfile.SharedSignals));

        result.ShouldBeInvalidRequest();
        SubjectIdentifier.Parse(vector.Data.GetProperty("sub_id")).Should().BeOfType<ScimSubjectIdentifier>();
    }

    private static async Task<SecurityEventToken> ValidateAsync(TestVector vector)
    {
        var token = SpecTokens.Sign(SpecTokens.Header(SecurityEventProfile.SharedSignals), vector.Data.GetRawText());
        var result = await Some.Handler(SpecTokens.ClockFor(vector.Data))
            .ValidateTokenAsync(token, SpecTokens.ParametersFor(vector.Data, SecurityEventProfile.SharedSignals));
        return result.ShouldBeAccepted();
    }

    private static JsonElement AudienceAsArray(JsonElement payload)
    {
        var node = JsonNode.Parse(payload.GetRawText())!.AsObject();
        if (node["aud"] is JsonValue single)
        {
            node["aud"] = new JsonArray(single.GetValue<string>());
        }

        return JsonElement.Parse(node.ToJsonString());
    }
}
