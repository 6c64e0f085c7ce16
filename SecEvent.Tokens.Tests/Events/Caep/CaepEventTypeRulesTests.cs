using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Events.Caep;

/// <summary>The required members and enumerations of each CAEP event type (CAEP 1.0 §3).</summary>
public class CaepEventTypeRulesTests
{
    [TestCase(CaepEventTypes.TokenClaimsChange, "{}", "claims")]
    [TestCase(CaepEventTypes.TokenClaimsChange, "{\"claims\":{}}", "claims")]
    [TestCase(CaepEventTypes.TokenClaimsChange, "{\"claims\":[\"role\"]}", "claims")]
    [TestCase(CaepEventTypes.CredentialChange, "{\"change_type\":\"create\"}", "credential_type")]
    [TestCase(CaepEventTypes.CredentialChange, "{\"credential_type\":\"\",\"change_type\":\"create\"}", "credential_type")]
    [TestCase(CaepEventTypes.CredentialChange, "{\"credential_type\":\"password\"}", "change_type")]
    [TestCase(CaepEventTypes.CredentialChange, "{\"credential_type\":\"password\",\"change_type\":\"rotate\"}", "change_type")]
    [TestCase(CaepEventTypes.CredentialChange, "{\"credential_type\":\"password\",\"change_type\":\"CREATE\"}", "change_type")]
    [TestCase(CaepEventTypes.CredentialChange, "{\"credential_type\":\"x509\",\"change_type\":\"create\",\"x509_serial\":42}", "x509_serial")]
    [TestCase(CaepEventTypes.AssuranceLevelChange, "{\"current_level\":\"nist-aal2\"}", "namespace")]
    [TestCase(CaepEventTypes.AssuranceLevelChange, "{\"namespace\":\"NIST-AAL\"}", "current_level")]
    [TestCase(CaepEventTypes.AssuranceLevelChange, "{\"namespace\":\"NIST-AAL\",\"current_level\":\"\"}", "current_level")]
    [TestCase(CaepEventTypes.AssuranceLevelChange, "{\"namespace\":\"NIST-AAL\",\"current_level\":\"nist-aal2\",\"change_direction\":\"sideways\"}", "change_direction")]
    [TestCase(CaepEventTypes.DeviceComplianceChange, "{\"current_status\":\"compliant\"}", "previous_status")]
    [TestCase(CaepEventTypes.DeviceComplianceChange, "{\"previous_status\":\"compliant\"}", "current_status")]
    [TestCase(CaepEventTypes.DeviceComplianceChange, "{\"previous_status\":\"compliant\",\"current_status\":\"noncompliant\"}", "current_status")]
    [TestCase(CaepEventTypes.DeviceComplianceChange, "{\"previous_status\":\"Compliant\",\"current_status\":\"compliant\"}", "previous_status")]
    [TestCase(CaepEventTypes.SessionEstablished, "{\"amr\":\"otp\"}", "amr")]
    [TestCase(CaepEventTypes.SessionEstablished, "{\"amr\":[\"otp\",7]}", "amr")]
    [TestCase(CaepEventTypes.SessionEstablished, "{\"amr\":[\"otp\",\"\"]}", "amr")]
    [TestCase(CaepEventTypes.SessionPresented, "{\"fp_ua\":1}", "fp_ua")]
    [TestCase(CaepEventTypes.RiskLevelChange, "{\"current_level\":\"LOW\"}", "principal")]
    [TestCase(CaepEventTypes.RiskLevelChange, "{\"principal\":\"USER\"}", "current_level")]
    [TestCase(CaepEventTypes.RiskLevelChange, "{\"principal\":\"USER\",\"current_level\":\"low\"}", "current_level")]
    [TestCase(CaepEventTypes.RiskLevelChange, "{\"principal\":\"USER\",\"current_level\":\"SEVERE\"}", "current_level")]
    [TestCase(CaepEventTypes.RiskLevelChange, "{\"principal\":\"USER\",\"current_level\":\"LOW\",\"previous_level\":\"high\"}", "previous_level")]
    public async Task ValidateTokenAsync_BrokenTypeMember_InvalidRequestNamingItCAEP01(string eventType, string payload, string member)
    {
        var error = (await EventTokens.ValidateAsync(EventTokens.WithEvent(eventType, payload))).ShouldBeInvalidRequest();

        error.Description.Should().Contain(member);
    }

    [Test]
    public async Task ValidateTokenAsync_AgreedCredentialTypeAndCustomNamespace_AcceptedCAEP01()
    {
        var credential = EventTokens.WithEvent(CaepEventTypes.CredentialChange, "{\"credential_type\":\"retina-scan\",\"change_type\":\"delete\"}");
        var assurance = EventTokens.WithEvent(CaepEventTypes.AssuranceLevelChange, "{\"namespace\":\"Retinal Scan\",\"current_level\":\"hi-res-scan\"}");

        (await EventTokens.ValidateAsync(credential)).ShouldBeAccepted().GetEvent<CaepCredentialChange>()!.CredentialType.Should().Be("retina-scan");
        (await EventTokens.ValidateAsync(assurance)).ShouldBeAccepted().GetEvent<CaepAssuranceLevelChange>()!.Namespace.Should().Be("Retinal Scan");
    }

    [Test]
    public async Task CreateToken_EveryCaepType_RoundTripsTypedCAEP01()
    {
        var claims = new Dictionary<string, JsonElement> { ["trusted_network"] = JsonElement.Parse("false") };
        CaepEvent[] events =
        [
            new CaepSessionRevoked(),
            new CaepTokenClaimsChange { Claims = claims },
            new CaepCredentialChange { CredentialType = CaepCredentialTypes.Fido2Roaming, ChangeType = CaepChangeType.Create, Fido2Aaguid = "accced6a-63f5-490a-9eea-e59bc1896cfc" },
            new CaepAssuranceLevelChange { Namespace = CaepAssuranceNamespaces.NistAal, CurrentLevel = "nist-aal2", PreviousLevel = "nist-aal1", ChangeDirection = CaepChangeDirection.Increase },
            new CaepDeviceComplianceChange { PreviousStatus = CaepComplianceStatus.Compliant, CurrentStatus = CaepComplianceStatus.NotCompliant },
            new CaepSessionEstablished { Acr = "AAL2", Amr = ["otp", "pwd"], UserAgentFingerprint = "abb0", ExternalSessionId = "12345" },
            new CaepSessionPresented { UserAgentFingerprint = "abb0", ExternalSessionId = "12345" },
            new CaepRiskLevelChange { Principal = CaepRiskPrincipals.User, CurrentLevel = CaepRiskLevel.Low, PreviousLevel = CaepRiskLevel.High, RiskReason = "PASSWORD_FOUND_IN_DATA_BREACH" },
        ];

        foreach (var e in events)
        {
            var token = await EventTokens.RoundTripAsync(e);

            var read = token.Events.Should().ContainSingle().Which;
            read.Should().BeOfType(e.GetType());
            read.Should().BeEquivalentTo(e, o => o.RespectingRuntimeTypes()
                .Using<JsonElement>(c => JsonElement.DeepEquals(c.Subject, c.Expectation).Should().BeTrue()).WhenTypeIs<JsonElement>(), e.EventType);
        }
    }

    [Test]
    public async Task CreateToken_DeviceComplianceChange_WritesHyphenatedStatusCAEP01()
    {
        var token = await EventTokens.RoundTripAsync(new CaepDeviceComplianceChange { PreviousStatus = CaepComplianceStatus.Compliant, CurrentStatus = CaepComplianceStatus.NotCompliant });

        token.Payload.GetProperty("events").GetProperty(CaepEventTypes.DeviceComplianceChange).GetProperty("current_status").GetString().Should().Be("not-compliant");
    }

    [Test]
    public async Task CreateToken_RiskLevel_WrittenInUpperCaseCAEP01()
    {
        var token = await EventTokens.RoundTripAsync(new CaepRiskLevelChange { Principal = "DEVICE", CurrentLevel = CaepRiskLevel.Medium });

        token.Payload.GetProperty("events").GetProperty(CaepEventTypes.RiskLevelChange).GetProperty("current_level").GetString().Should().Be("MEDIUM");
    }

    [Test]
    public void CreateToken_TokenClaimsChangeWithoutClaims_RefusedNamingClaimsCAEP01()
    {
        var error = EventTokens.CreationError(new CaepTokenClaimsChange { Claims = new Dictionary<string, JsonElement>() });

        error.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
        error.Description.Should().Contain("'claims'");
    }

    [Test]
    public void CreateToken_EmptyRequiredString_RefusedNamingItCAEP01()
    {
        EventTokens.CreationError(new CaepCredentialChange { CredentialType = "", ChangeType = CaepChangeType.Revoke })
            .Description.Should().Contain("'credential_type'");
        EventTokens.CreationError(new CaepRiskLevelChange { Principal = "", CurrentLevel = CaepRiskLevel.High })
            .Description.Should().Contain("'principal'");
        EventTokens.CreationError(new CaepAssuranceLevelChange { Namespace = "NIST-AAL", CurrentLevel = "" })
            .Description.Should().Contain("'current_level'");
    }

    [Test]
    public void CreateToken_UndefinedEnumerationValues_RefusedNamingThemCAEP01()
    {
        EventTokens.CreationError(new CaepCredentialChange { CredentialType = "pin", ChangeType = (CaepChangeType)9 })
            .Description.Should().Contain("'change_type'");
        EventTokens.CreationError(new CaepDeviceComplianceChange { PreviousStatus = (CaepComplianceStatus)9, CurrentStatus = CaepComplianceStatus.Compliant })
            .Description.Should().Contain("'previous_status'");
        EventTokens.CreationError(new CaepRiskLevelChange { Principal = "USER", CurrentLevel = CaepRiskLevel.Low, PreviousLevel = (CaepRiskLevel)9 })
            .Description.Should().Contain("'previous_level'");
        EventTokens.CreationError(new CaepAssuranceLevelChange { Namespace = "NIST-AAL", CurrentLevel = "x", ChangeDirection = (CaepChangeDirection)9 })
            .Description.Should().Contain("'change_direction'");
        EventTokens.CreationError(new CaepSessionEstablished { Amr = ["otp", null!] })
            .Description.Should().Contain("'amr'");
    }
}
