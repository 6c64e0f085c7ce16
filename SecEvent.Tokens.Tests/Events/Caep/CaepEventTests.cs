using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Events.Caep;

/// <summary>The common CAEP members (CAEP 1.0 §2) and the typed records, created and read back.</summary>
public class CaepEventTests
{
    private static readonly Dictionary<string, string> English = new() { ["en"] = "Policy violation" };

    [Test]
    public async Task CreateToken_SessionRevokedWithCommonMembers_ReadsBackTypedCAEP01()
    {
        var revoked = new CaepSessionRevoked
        {
            EventTimestamp = new NumericDate(1615304991),
            InitiatingEntity = CaepInitiatingEntity.Policy,
            ReasonAdmin = English,
            ReasonUser = new Dictionary<string, string> { ["en"] = "Signed out", ["es-410"] = "Sesión cerrada" },
        };

        var token = await EventTokens.RoundTripAsync(revoked);

        var read = token.GetEvent<CaepSessionRevoked>()!;
        read.EventTimestamp.Should().Be(new NumericDate(1615304991));
        read.InitiatingEntity.Should().Be(CaepInitiatingEntity.Policy);
        read.ReasonAdmin.Should().Equal(English);
        read.ReasonUser!["es-410"].Should().Be("Sesión cerrada");
        var payload = token.Payload.GetProperty("events").GetProperty(CaepEventTypes.SessionRevoked);
        payload.GetProperty("initiating_entity").GetString().Should().Be("policy");
        payload.GetProperty("event_timestamp").GetRawText().Should().Be("1615304991");
    }

    [TestCase(CaepInitiatingEntity.Admin, "admin")]
    [TestCase(CaepInitiatingEntity.User, "user")]
    [TestCase(CaepInitiatingEntity.Policy, "policy")]
    [TestCase(CaepInitiatingEntity.System, "system")]
    public async Task CreateToken_EachInitiatingEntity_WrittenWithSpecNameCAEP01(CaepInitiatingEntity entity, string name)
    {
        var token = await EventTokens.RoundTripAsync(new CaepSessionRevoked { InitiatingEntity = entity });

        token.Payload.GetProperty("events").GetProperty(CaepEventTypes.SessionRevoked).GetProperty("initiating_entity").GetString().Should().Be(name);
        token.GetEvent<CaepSessionRevoked>()!.InitiatingEntity.Should().Be(entity);
    }

    [TestCase("{\"initiating_entity\":\"robot\"}", "initiating_entity")]
    [TestCase("{\"initiating_entity\":\"Admin\"}", "initiating_entity")]
    [TestCase("{\"initiating_entity\":0}", "initiating_entity")]
    [TestCase("{\"reason_admin\":{}}", "reason_admin")]
    [TestCase("{\"reason_user\":{}}", "reason_user")]
    [TestCase("{\"reason_admin\":\"Policy violation\"}", "reason_admin")]
    [TestCase("{\"reason_admin\":{\"en\":5}}", "reason_admin")]
    [TestCase("{\"reason_admin\":{\"en\":null}}", "reason_admin")]
    [TestCase("{\"reason_admin\":{\"not a tag\":\"x\"}}", "reason_admin")]
    [TestCase("{\"reason_user\":{\"en--US\":\"x\"}}", "reason_user")]
    [TestCase("{\"reason_user\":{\"\":\"x\"}}", "reason_user")]
    [TestCase("{\"reason_user\":{\"toolongsubtag\":\"x\"}}", "reason_user")]
    [TestCase("{\"event_timestamp\":\"1615304991\"}", "event_timestamp")]
    [TestCase("{\"event_timestamp\":1e300}", "event_timestamp")]
    public async Task ValidateTokenAsync_BrokenCommonMember_InvalidRequestNamingItCAEP01(string payload, string member)
    {
        var token = EventTokens.WithEvent(CaepEventTypes.SessionRevoked, payload);

        var error = (await EventTokens.ValidateAsync(token)).ShouldBeInvalidRequest();

        error.Description.Should().Contain(member);
    }

    [Test]
    public void CreateToken_UndefinedInitiatingEntity_RefusedNamingItCAEP01()
    {
        var error = EventTokens.CreationError(new CaepSessionRevoked { InitiatingEntity = (CaepInitiatingEntity)42 });

        error.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
        error.Description.Should().Contain("'initiating_entity'").And.Contain("'admin', 'user', 'policy', 'system'");
    }

    [Test]
    public void CreateToken_EmptyReasonAdmin_RefusedCAEP01()
    {
        var error = EventTokens.CreationError(new CaepSessionRevoked { ReasonAdmin = new Dictionary<string, string>() });

        error.Description.Should().Contain("'reason_admin'").And.Contain("at least one");
    }

    [Test]
    public void CreateToken_ReasonWithBadLanguageTag_RefusedCAEP01()
    {
        var error = EventTokens.CreationError(new CaepSessionRevoked { ReasonUser = new Dictionary<string, string> { ["english please"] = "x" } });

        error.Description.Should().Contain("'reason_user'").And.Contain("BCP 47");
    }

    [Test]
    public async Task ValidateTokenAsync_UnknownMembers_KeptOnRoundTripCAEP01()
    {
        const string Payload = "{\"event_timestamp\":1615304991.25,\"x-vendor\":{\"a\":[1,2]},\"initiating_entity\":\"user\"}";
        var first = (await EventTokens.ValidateAsync(EventTokens.WithEvent(CaepEventTypes.SessionRevoked, Payload))).ShouldBeAccepted();

        var again = await EventTokens.RoundTripAsync(first.GetEvent<CaepSessionRevoked>()!);

        var payload = again.Payload.GetProperty("events").GetProperty(CaepEventTypes.SessionRevoked);
        JsonElement.DeepEquals(payload, JsonElement.Parse(Payload)).Should().BeTrue(payload.GetRawText());
        again.GetEvent<CaepSessionRevoked>()!.EventTimestamp!.Value.Seconds.Should().Be(1615304991.25m);
    }

    [Test]
    public async Task ValidateTokenAsync_EscapedMemberName_ReadAsTheDeclaredMemberCAEP01()
    {
        // "change\u005ftype" is "change_type": declared, so it is neither missing nor kept a second time as unknown.
        const string Payload = "{\"credential_type\":\"pin\",\"change\\u005ftype\":\"revoke\"}";
        var token = (await EventTokens.ValidateAsync(EventTokens.WithEvent(CaepEventTypes.CredentialChange, Payload))).ShouldBeAccepted();

        var change = token.GetEvent<CaepCredentialChange>()!;

        change.ChangeType.Should().Be(CaepChangeType.Revoke);
        change.AdditionalMembers.Should().BeNull();
    }

    [Test]
    public async Task ValidateTokenAsync_EventTimestampOfChange_ReadAsNumericDateCAEP02()
    {
        var token = EventTokens.WithEvent(CaepEventTypes.CredentialChange, "{\"credential_type\":\"password\",\"change_type\":\"update\",\"event_timestamp\":1615304991}");

        var change = (await EventTokens.ValidateAsync(token)).ShouldBeAccepted().GetEvent<CaepCredentialChange>()!;

        change.EventTimestamp!.Value.ToDateTimeOffset().Should().Be(DateTimeOffset.FromUnixTimeSeconds(1615304991));
    }
}
