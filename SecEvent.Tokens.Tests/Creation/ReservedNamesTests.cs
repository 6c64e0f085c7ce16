using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Creation;

/// <summary>Claims and header parameters that cannot be set through the additional-values dictionaries.</summary>
public class ReservedNamesTests
{
    [TestCase("iss")]
    [TestCase("iat")]
    [TestCase("jti")]
    [TestCase("aud")]
    [TestCase("events")]
    [TestCase("txn")]
    [TestCase("toe")]
    [TestCase("sub_id")]
    [TestCase("sub")]
    [TestCase("exp")]
    public void CreateToken_TypedClaimInAdditionalClaims_ThrowsArgumentException(string claim)
    {
        // AdditionalClaims["iss"] would write a second 'iss' next to the descriptor's.
        var descriptor = Some.Descriptor();
        descriptor.AdditionalClaims[claim] = "https://attacker.example";

        FluentActions.Invoking(() => Some.Handler().CreateToken(descriptor)).Should().Throw<ArgumentException>().WithMessage($"*'{claim}'*");
    }

    [TestCase("alg")]
    [TestCase("typ")]
    [TestCase("kid")]
    [TestCase("crit")]
    [TestCase("zip")]
    [TestCase("enc")]
    [TestCase("b64")]
    public void CreateToken_ReservedHeaderParameter_ThrowsArgumentException(string parameter)
    {
        var descriptor = Some.Descriptor();
        descriptor.AdditionalHeaderParameters[parameter] = new[] { "exp" };

        FluentActions.Invoking(() => Some.Handler().CreateToken(descriptor)).Should().Throw<ArgumentException>().WithMessage($"*'{parameter}'*");
    }

    [TestCase("nbf")]
    [TestCase("sid")]
    [TestCase("x-anything")]
    public void CreateToken_OtherClaimInAdditionalClaims_Written(string claim)
    {
        var descriptor = Some.Descriptor();
        descriptor.AdditionalClaims[claim] = claim == "nbf" ? Some.NowSeconds : "value";

        var payload = RawToken.Decode(RawToken.Split(Some.Handler().CreateToken(descriptor)).Payload);

        payload.Should().Contain($"\"{claim}\":");
    }
}
