using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Events.Risc;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Events.Risc;

/// <summary>The RISC event types (RISC 1.0 §2) and their subject rules.</summary>
public class RiscEventTests
{
    private const string Email = "{\"format\":\"email\",\"email\":\"john.doe@example.com\"}";
    private const string Phone = "{\"format\":\"phone_number\",\"phone_number\":\"+12065550100\"}";
    private const string IssSub = "{\"format\":\"iss_sub\",\"iss\":\"https://idp.example.com/\",\"sub\":\"7375626A656374\"}";

    [TestCase(RiscEventTypes.IdentifierChanged, Email)]
    [TestCase(RiscEventTypes.IdentifierChanged, Phone)]
    [TestCase(RiscEventTypes.IdentifierRecycled, Email)]
    [TestCase(RiscEventTypes.IdentifierRecycled, Phone)]
    public async Task ValidateTokenAsync_IdentifierEventAboutEmailOrPhone_AcceptedRISC01(string eventType, string subject)
    {
        var token = EventTokens.WithSubject(subject, eventType, "{}");

        (await EventTokens.ValidateAsync(token)).ShouldBeAccepted().Events.Single().Should().BeAssignableTo<RiscEvent>();
    }

    [TestCase(RiscEventTypes.IdentifierChanged, IssSub)]
    [TestCase(RiscEventTypes.IdentifierChanged, "{\"format\":\"opaque\",\"id\":\"x\"}")]
    [TestCase(RiscEventTypes.IdentifierRecycled, IssSub)]
    [TestCase(RiscEventTypes.IdentifierRecycled, "{\"format\":\"account\",\"uri\":\"acct:john@example.com\"}")]
    public async Task ValidateTokenAsync_IdentifierEventAboutOtherFormat_InvalidRequestRISC01(string eventType, string subject)
    {
        var token = EventTokens.WithSubject(subject, eventType, "{}");

        var error = (await EventTokens.ValidateAsync(token)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'email' or 'phone_number'");
    }

    [Test]
    public void CreateToken_IdentifierChangedAboutOpaqueSubject_RefusedRISC01()
    {
        var error = EventTokens.CreationError(new RiscIdentifierChanged { NewValue = "john.roe@example.com" });

        error.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
        error.Description.Should().Contain("identifier-changed").And.Contain("'email' or 'phone_number'");
    }

    [Test]
    public async Task CreateToken_IdentifierChangedWithOldEmail_CarriesNewValueRISC01()
    {
        var descriptor = Some.SharedSignalsDescriptor(new RiscIdentifierChanged { NewValue = "john.roe@example.com" });
        descriptor.SubjectId = new EmailSubjectIdentifier { Email = "john.doe@example.com" };

        var token = (await EventTokens.ValidateAsync(Some.Handler().CreateToken(descriptor))).ShouldBeAccepted();

        token.GetEvent<RiscIdentifierChanged>()!.NewValue.Should().Be("john.roe@example.com");
        token.Payload.GetProperty("events").GetProperty(RiscEventTypes.IdentifierChanged).GetProperty("new-value").GetString().Should().Be("john.roe@example.com");
    }

    [Test]
    public async Task CreateToken_IdentifierRecycledAboutPhone_AcceptedRISC02()
    {
        var descriptor = Some.SharedSignalsDescriptor(new RiscIdentifierRecycled());
        descriptor.SubjectId = new PhoneNumberSubjectIdentifier { PhoneNumber = "+12065550100" };

        (await EventTokens.ValidateAsync(Some.Handler().CreateToken(descriptor))).ShouldBeAccepted().GetEvent<RiscIdentifierRecycled>().Should().NotBeNull();
    }

    [TestCase(RiscEventTypes.OptIn, typeof(RiscOptIn))]
    [TestCase(RiscEventTypes.OptOutInitiated, typeof(RiscOptOutInitiated))]
    [TestCase(RiscEventTypes.OptOutCancelled, typeof(RiscOptOutCancelled))]
    [TestCase(RiscEventTypes.OptOutEffective, typeof(RiscOptOutEffective))]
    public async Task ValidateTokenAsync_OptEvents_ReadTypedRISC03(string eventType, Type model)
    {
        var token = EventTokens.WithSubject(IssSub, eventType, "{}");

        (await EventTokens.ValidateAsync(token)).ShouldBeAccepted().Events.Single().Should().BeOfType(model);
    }

    [Test]
    public async Task ValidateTokenAsync_DeprecatedSessionsRevoked_StillReadTypedRISC04()
    {
        var token = EventTokens.WithSubject(IssSub, RiscEventTypes.SessionsRevoked, "{}");

        var read = (await EventTokens.ValidateAsync(token)).ShouldBeAccepted().Events.Single();

        read.GetType().Name.Should().Be("RiscSessionsRevoked");
        read.GetType().GetCustomAttributes(typeof(ObsoleteAttribute), false).Should().ContainSingle()
            .Which.As<ObsoleteAttribute>().Message.Should().Contain(nameof(CaepSessionRevoked));
    }

    [TestCase("{\"reason\":\"spam\"}", "reason")]
    [TestCase("{\"reason\":\"Hijacking\"}", "reason")]
    [TestCase("{\"reason\":1}", "reason")]
    public async Task ValidateTokenAsync_AccountDisabledWithUnknownReason_InvalidRequest(string payload, string member)
    {
        var error = (await EventTokens.ValidateAsync(EventTokens.WithSubject(IssSub, RiscEventTypes.AccountDisabled, payload))).ShouldBeInvalidRequest();

        error.Description.Should().Contain(member);
    }

    [TestCase("{\"reason\":\"hijacking\"}", RiscAccountDisabledReason.Hijacking)]
    [TestCase("{\"reason\":\"bulk-account\"}", RiscAccountDisabledReason.BulkAccount)]
    public async Task ValidateTokenAsync_AccountDisabledReasons_ReadTyped(string payload, RiscAccountDisabledReason reason)
    {
        var token = (await EventTokens.ValidateAsync(EventTokens.WithSubject(IssSub, RiscEventTypes.AccountDisabled, payload))).ShouldBeAccepted();

        token.GetEvent<RiscAccountDisabled>()!.Reason.Should().Be(reason);
    }

    [TestCase("{}", "credential_type")]
    [TestCase("{\"credential_type\":\"\"}", "credential_type")]
    [TestCase("{\"credential_type\":\"password\",\"reason_admin\":{}}", "reason_admin")]
    [TestCase("{\"credential_type\":\"password\",\"event_timestamp\":\"yesterday\"}", "event_timestamp")]
    public async Task ValidateTokenAsync_BrokenCredentialCompromise_InvalidRequestNamingMember(string payload, string member)
    {
        var error = (await EventTokens.ValidateAsync(EventTokens.WithSubject(IssSub, RiscEventTypes.CredentialCompromise, payload))).ShouldBeInvalidRequest();

        error.Description.Should().Contain(member);
    }

    [Test]
    public async Task CreateToken_EveryRiscType_RoundTripsTyped()
    {
        RiscEvent[] events =
        [
            new RiscAccountCredentialChangeRequired(), new RiscAccountPurged(), new RiscAccountDisabled { Reason = RiscAccountDisabledReason.BulkAccount },
            new RiscAccountEnabled(), new RiscCredentialCompromise { CredentialType = CaepCredentialTypes.Password, EventTimestamp = new NumericDate(1615304991) },
            new RiscOptIn(), new RiscOptOutInitiated(), new RiscOptOutCancelled(), new RiscOptOutEffective(),
            new RiscRecoveryActivated(), new RiscRecoveryInformationChanged(),
        ];

        foreach (var e in events)
        {
            var read = (await EventTokens.RoundTripAsync(e)).Events.Should().ContainSingle().Which;

            read.Should().BeOfType(e.GetType()).And.BeEquivalentTo(e, o => o.RespectingRuntimeTypes());
        }
    }

    [Test]
    public async Task ValidateTokenAsync_GoogleStyleLegacySubject_ReadAndWrittenInItsDialectRISC05()
    {
        // Cross-Account Protection puts the subject inside the event with 'subject_type' and the old name 'iss-sub'.
        const string Payload = "{\"subject\":{\"subject_type\":\"iss-sub\",\"iss\":\"https://accounts.google.com/\",\"sub\":\"7375626A656374\"},\"reason\":\"hijacking\"}";
        var token = Some.Hs256(Some.Payload($"\"events\":{{\"{RiscEventTypes.AccountDisabled}\":{Payload}}}", "events"));

        var accepted = (await Some.ValidateAsync(token)).ShouldBeAccepted();

        var disabled = accepted.GetEvent<RiscAccountDisabled>()!;
        disabled.Subject.Should().Be(new IssuerSubjectIdentifier { Issuer = "https://accounts.google.com/", Subject = "7375626A656374" });
        var descriptor = SecurityEventTokenDescriptor.FromToken(accepted);
        descriptor.SigningCredentials = Some.Credentials("HS256");
        var again = (await Some.ValidateAsync(Some.Handler().CreateToken(descriptor))).ShouldBeAccepted();
        JsonElement.DeepEquals(again.Payload.GetProperty("events").GetProperty(RiscEventTypes.AccountDisabled), JsonElement.Parse(Payload))
            .Should().BeTrue(again.Payload.GetRawText());
    }

    [Test]
    public async Task ValidateTokenAsync_LegacyPhoneSubject_ReadAsPhoneNumberAndSatisfiesRISC01()
    {
        const string Payload = "{\"subject\":{\"subject_type\":\"phone\",\"phone_number\":\"+12065550100\"}}";
        var token = Some.Hs256(Some.Payload($"\"events\":{{\"{RiscEventTypes.IdentifierRecycled}\":{Payload}}}", "events"));

        var recycled = (await Some.ValidateAsync(token)).ShouldBeAccepted().GetEvent<RiscIdentifierRecycled>()!;

        recycled.Subject.Should().BeOfType<PhoneNumberSubjectIdentifier>();
    }

    [TestCase("{\"subject\":{\"subject_type\":\"iss-sub\",\"format\":\"iss_sub\",\"iss\":\"https://a/\",\"sub\":\"b\"}}")]
    [TestCase("{\"subject\":{\"subject_type\":7,\"iss\":\"https://a/\",\"sub\":\"b\"}}")]
    [TestCase("{\"subject\":{\"subject_type\":\"iss-sub\",\"iss\":\"https://a/\"}}")]
    [TestCase("{\"subject\":{\"subject_type\":\"id_token_claims\",\"iss\":\"https://a/\",\"sub\":\"b\"}}")]
    [TestCase("{\"subject\":\"john@example.com\"}")]
    public async Task ValidateTokenAsync_BrokenLegacySubject_InvalidRequestRISC05(string payload)
    {
        var token = Some.Hs256(Some.Payload($"\"events\":{{\"{RiscEventTypes.AccountPurged}\":{payload}}}", "events"));

        var error = (await Some.ValidateAsync(token)).ShouldBeInvalidRequest();

        error.Description.Should().Contain("subject");
    }
}
