using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests;

public class SecurityEventTokenDescriptorTests
{
    [Test]
    public async Task FromToken_RichToken_CreatesTheSameClaimsSet()
    {
        var payload = Some.Payload(
            $"\"iat\":1767225599.5,{EventTokens.OpaqueSubId},\"txn\":\"t\",\"toe\":1458492000.25,\"x-list\":[1,\"a\"],\"nbf\":{Some.NowSeconds - 10}," +
            "\"events\":{\"urn:example:a\":{\"k\":{\"n\":[null]}},\"https://schemas.openid.net/secevent/ssf/event-type/verification\":{\"state\":\"s\",\"x\":2}}",
            "events", "iat");
        var first = (await Some.ValidateAsync(Some.Hs256(payload))).ShouldBeAccepted();

        var second = await RecreateAsync(first);

        JsonElement.DeepEquals(second.Payload, first.Payload).Should().BeTrue(second.Payload.GetRawText());
        second.IssuedAt.Seconds.Should().Be(1767225599.5m);
    }

    [Test]
    public async Task FromToken_LogoutToken_KeepsExpAndSid()
    {
        var first = (await Some.Handler().ValidateTokenAsync(Some.Handler().CreateToken(Some.LogoutDescriptor()),
            Some.HmacParameters(p => p.Profile = SecurityEventProfile.BackChannelLogout))).ShouldBeAccepted();

        var descriptor = SecurityEventTokenDescriptor.FromToken(first);

        descriptor.Expiration.Should().Be(first.Expiration);
        descriptor.AdditionalClaims.Should().ContainKey("sid");
        descriptor.Profile.Should().Be(SecurityEventProfile.Rfc8417, "the caller sets the profile again");
    }

    [Test]
    public async Task FromToken_HeaderParameters_CopiedExceptAlgTypKid()
    {
        var token = Some.Hs256(header: Some.Header(extraMembers: "\"kid\":\"hmac-1\",\"x-trace\":\"abc\",\"cty\":\"json\""));
        var first = (await Some.ValidateAsync(token)).ShouldBeAccepted();

        var descriptor = SecurityEventTokenDescriptor.FromToken(first);

        descriptor.AdditionalHeaderParameters.Keys.Should().BeEquivalentTo("x-trace", "cty");
        descriptor.SigningCredentials.Should().BeNull();
    }

    [Test]
    public void FromToken_Null_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => SecurityEventTokenDescriptor.FromToken(null!)).Should().Throw<ArgumentNullException>();
    }

    private static async Task<SecurityEventToken> RecreateAsync(SecurityEventToken token)
    {
        var descriptor = SecurityEventTokenDescriptor.FromToken(token);
        descriptor.SigningCredentials = Some.Credentials("HS256");
        return (await Some.ValidateAsync(Some.Handler().CreateToken(descriptor))).ShouldBeAccepted();
    }
}
