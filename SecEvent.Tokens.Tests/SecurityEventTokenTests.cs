using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests;

public class SecurityEventTokenTests
{
    private const string Secret = "s3cr3t-claim-value";

    [Test]
    public async Task ToString_ValidatedToken_NamesItWithoutRevealingIt()
    {
        var descriptor = Some.Descriptor("HS256");
        descriptor.AdditionalClaims["x-secret"] = Secret;
        var compact = Some.Handler().CreateToken(descriptor);
        var token = (await Some.Handler().ValidateTokenAsync(compact, Some.Parameters("HS256"))).ShouldBeAccepted();

        var text = token.ToString();

        text.Should().Contain(token.JwtId).And.Contain(Some.Issuer).And.Contain(Some.EventType);
        text.Should().NotContain(compact).And.NotContain(RawToken.Split(compact).Payload).And.NotContain(RawToken.Split(compact).Signature);
        text.Should().NotContain(Secret);
    }

    [Test]
    public async Task Properties_ValidatedToken_ExposeEnvelopeAndHeader()
    {
        var descriptor = Some.LogoutDescriptor();
        descriptor.Subject = "user-1";
        descriptor.TransactionId = "txn-1";
        descriptor.TimeOfEvent = new NumericDate(Some.NowSeconds - 5);
        var token = (await Some.Handler().ValidateTokenAsync(Some.Handler().CreateToken(descriptor),
            Some.HmacParameters(p => p.Profile = SecurityEventProfile.BackChannelLogout))).ShouldBeAccepted();

        token.Issuer.Should().Be(Some.Issuer);
        token.Audiences.Should().Equal(Some.Audience);
        token.IssuedAt.Should().Be(new NumericDate(Some.NowSeconds));
        token.Expiration.Should().Be(new NumericDate(Some.NowSeconds + 120));
        token.TimeOfEvent.Should().Be(new NumericDate(Some.NowSeconds - 5));
        token.TransactionId.Should().Be("txn-1");
        token.Subject.Should().Be("user-1");
        token.Algorithm.Should().Be("HS256");
        token.Type.Should().Be("logout+jwt");
        token.KeyId.Should().Be("hmac-1");
        token.TryGetClaim("sid", out var sid).Should().BeTrue();
        sid.GetString().Should().Be("session-1");
        token.TryGetClaim("nbf", out _).Should().BeFalse();
        token.GetEvent<SsfVerificationEvent>().Should().BeNull();
    }
}
