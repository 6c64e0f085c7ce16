using System.Text;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Push;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>The transmitter configuration (OpenID SSF 1.0 §7.1, SSF-20, SSF-21) against figures 14, 15 and 19.</summary>
public class SsfTransmitterMetadataTests
{
    private static byte[] Figure19() => Encoding.UTF8.GetBytes(PushTestKit.Vector("ssf-fig19-transmitter-metadata").GetProperty("body").GetRawText());

    [Test]
    public void SSF_20_Figure19_ParsesEveryMember()
    {
        SsfTransmitterMetadata.TryParse(Figure19(), out var metadata, out var error).Should().BeTrue(error);

        metadata!.SpecVersion.Should().Be("1_0");
        metadata.Issuer.Should().Be("https://tr.example.com");
        metadata.JwksUri.Should().Be("https://tr.example.com/jwks.json");
        metadata.DeliveryMethodsSupported.Should().Equal("urn:ietf:rfc:8935", "urn:ietf:rfc:8936");
        metadata.ConfigurationEndpoint.Should().Be("https://tr.example.com/ssf/mgmt/stream");
        metadata.StatusEndpoint.Should().Be("https://tr.example.com/ssf/mgmt/status");
        metadata.AddSubjectEndpoint.Should().Be("https://tr.example.com/ssf/mgmt/subject:add");
        metadata.RemoveSubjectEndpoint.Should().Be("https://tr.example.com/ssf/mgmt/subject:remove");
        metadata.VerificationEndpoint.Should().Be("https://tr.example.com/ssf/mgmt/verification");
        metadata.CriticalSubjectMembers.Should().Equal("tenant", "user");
        metadata.AuthorizationSchemes!.Select(s => s.SpecUrn).Should().Equal("urn:ietf:rfc:6749", "urn:ietf:rfc:8705");
        metadata.DefaultSubjects.Should().Be("NONE");
        metadata.AdditionalMembers.Should().BeNullOrEmpty();
    }

    [Test]
    public void SSF_20_Figure19_RoundTrips()
    {
        SsfTransmitterMetadata.TryParse(Figure19(), out var metadata, out _).Should().BeTrue();

        using var original = JsonDocument.Parse(Figure19());
        using var written = JsonDocument.Parse(metadata!.ToUtf8Json());
        JsonElement.DeepEquals(original.RootElement, written.RootElement).Should().BeTrue();
    }

    [Test]
    public void SSF_20_Figure14_SpecVersionFragment_RoundTripsWithinAConfiguration()
    {
        var fragment = PushTestKit.Vector("ssf-fig14-spec_version");
        var json = $$"""{"issuer":"https://tr.example.com","spec_version":{{fragment.GetProperty("spec_version").GetRawText()}}}""";

        SsfTransmitterMetadata.TryParse(Encoding.UTF8.GetBytes(json), out var metadata, out var error).Should().BeTrue(error);

        metadata!.SpecVersion.Should().Be("1_0");
        using var original = JsonDocument.Parse(json);
        using var written = JsonDocument.Parse(metadata.ToUtf8Json());
        JsonElement.DeepEquals(original.RootElement, written.RootElement).Should().BeTrue();
    }

    [Test]
    public void SSF_20_Figure15_AuthorizationScheme_RoundTripsWithinAConfiguration()
    {
        var scheme = PushTestKit.Vector("ssf-fig15-authorization-scheme");
        var json = $$"""{"issuer":"https://tr.example.com","authorization_schemes":[{{scheme.GetRawText()}}]}""";

        SsfTransmitterMetadata.TryParse(Encoding.UTF8.GetBytes(json), out var metadata, out var error).Should().BeTrue(error);

        metadata!.AuthorizationSchemes.Should().ContainSingle().Which.SpecUrn.Should().Be("urn:ietf:rfc:6749");
        using var original = JsonDocument.Parse(json);
        using var written = JsonDocument.Parse(metadata.ToUtf8Json());
        JsonElement.DeepEquals(original.RootElement, written.RootElement).Should().BeTrue();
    }

    [Test]
    public void SSF_15_UnknownMembers_KeptAndWrittenBack()
    {
        const string json = """{"issuer":"https://tr.example.com","x_vendor":{"a":[1,2]},"authorization_schemes":[{"spec_urn":"urn:ietf:rfc:6749","x_scope":"ssf"}],"future_flag":true}""";

        SsfTransmitterMetadata.TryParse(Encoding.UTF8.GetBytes(json), out var metadata, out var error).Should().BeTrue(error);

        metadata!.AdditionalMembers.Should().ContainKeys("x_vendor", "future_flag");
        metadata.AuthorizationSchemes![0].AdditionalMembers.Should().ContainKey("x_scope");
        using var original = JsonDocument.Parse(json);
        using var written = JsonDocument.Parse(metadata.ToUtf8Json());
        JsonElement.DeepEquals(original.RootElement, written.RootElement).Should().BeTrue();
    }

    [TestCase("""{"jwks_uri":"https://tr.example.com/jwks.json"}""", TestName = "SSF_21_Parse_MissingIssuer_Refused")]
    [TestCase("""{"issuer":""}""", TestName = "SSF_21_Parse_EmptyIssuer_Refused")]
    [TestCase("""{"issuer":null}""", TestName = "SSF_21_Parse_NullIssuer_Refused")]
    [TestCase("""{"issuer":"https://tr.example.com?x=1"}""", TestName = "SSF_21_Parse_IssuerWithQuery_Refused")]
    [TestCase("""{"issuer":"https://tr.example.com#f"}""", TestName = "SSF_21_Parse_IssuerWithFragment_Refused")]
    [TestCase("""{"issuer":"tr.example.com"}""", TestName = "SSF_21_Parse_RelativeIssuer_Refused")]
    [TestCase("""{"issuer":"https://tr.example.com","issuer":"https://evil.example.com"}""", TestName = "SSF_20_Parse_DuplicateMember_Refused")]
    [TestCase("""{"issuer":"https://tr.example.com","jwks_uri":"/jwks.json"}""", TestName = "SSF_20_Parse_RelativeJwksUri_Refused")]
    [TestCase("""{"issuer":"https://tr.example.com","configuration_endpoint":"ftp://tr.example.com/x"}""", TestName = "SSF_20_Parse_NonHttpEndpoint_Refused")]
    [TestCase("""{"issuer":"https://tr.example.com","default_subjects":"SOME"}""", TestName = "SSF_20_Parse_DefaultSubjectsNotAllOrNone_Refused")]
    [TestCase("""{"issuer":"https://tr.example.com","authorization_schemes":[{}]}""", TestName = "SSF_20_Parse_SchemeWithoutSpecUrn_Refused")]
    [TestCase("""{"issuer":"https://tr.example.com","delivery_methods_supported":"urn:ietf:rfc:8935"}""", TestName = "SSF_20_Parse_MethodsNotArray_Refused")]
    [TestCase("""{"issuer":"https://tr.example.com",""", TestName = "SSF_20_Parse_MalformedJson_Refused")]
    [TestCase("""[]""", TestName = "SSF_20_Parse_NotObject_Refused")]
    [TestCase("""null""", TestName = "SSF_20_Parse_Null_Refused")]
    public void Parse_Invalid_Refused(string json)
    {
        SsfTransmitterMetadata.TryParse(Encoding.UTF8.GetBytes(json), out var metadata, out var error).Should().BeFalse();

        metadata.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }
}
