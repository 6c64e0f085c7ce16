using System.Security.Cryptography;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Tokens.Jose;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Jose;

/// <summary>Which key may sign or verify which algorithm: family, curve, size and the JWK's own limits.</summary>
public class SigningKeyFitTests
{
    [TestCase("RS256")]
    [TestCase("RS384")]
    [TestCase("RS512")]
    [TestCase("PS256")]
    [TestCase("PS384")]
    [TestCase("PS512")]
    public async Task ValidateTokenAsync_RsaKeyAndDefaultAlgorithms_AcceptsEveryRsaAlgorithm(string algorithm)
    {
        var token = Some.Handler().CreateToken(WithCredentials(new SigningCredentials(Some.RsaKey, algorithm)));

        (await Some.Handler().ValidateTokenAsync(token, Some.Parameters("RS256"))).ShouldBeAccepted().Algorithm.Should().Be(algorithm);
    }

    [TestCase("ES256")]
    [TestCase("ES384")]
    [TestCase("ES512")]
    [TestCase("HS256")]
    [TestCase("HS384")]
    [TestCase("HS512")]
    public async Task CreateToken_EachAlgorithmWithFittingKey_Validates(string algorithm)
    {
        var token = Some.Handler().CreateToken(Some.Descriptor(algorithm));

        (await Some.Handler().ValidateTokenAsync(token, Some.Parameters(algorithm))).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_Es384SignatureFromP256Key_InvalidKey()
    {
        // The P-256 key really made this SHA-384 signature; ES384 still needs a P-384 key (RFC 7518 §3.4).
        var token = RawToken.SignEcdsa(Some.Header("ES384"), Some.Payload(), Some.EcKey.ECDsa, HashAlgorithmName.SHA384);

        (await Some.Handler().ValidateTokenAsync(token, Some.Parameters("ES256"))).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_Es256TokenAndOnlyP384Key_InvalidKey()
    {
        var token = Some.Handler().CreateToken(Some.Descriptor("ES256"));

        (await Some.Handler().ValidateTokenAsync(token, Some.Parameters("ES384"))).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_RsaTokenAndOnlyEcKey_InvalidKey()
    {
        var token = Some.Handler().CreateToken(Some.Descriptor("RS256"));

        (await Some.Handler().ValidateTokenAsync(token, Some.Parameters("ES256"))).ShouldBeInvalidKey();
    }

    [TestCase("RS256")]
    [TestCase("PS256")]
    public void CreateToken_Rsa1024BitKey_ThrowsInvalidKey(string algorithm)
    {
        var act = () => Some.Handler().CreateToken(WithCredentials(new SigningCredentials(Some.RsaKey1024, algorithm)));

        act.Should().Throw<SecurityEventTokenException>().Which.Error.Code.Should().Be(SecurityEventErrorCodes.InvalidKey);
    }

    [Test]
    public async Task ValidateTokenAsync_SignedWithRsa1024BitKey_InvalidKey()
    {
        var token = RawToken.SignRsa(Some.Header("RS256"), Some.Payload(), Some.RsaKey1024.Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var result = await Some.ValidateAsync(token, p => p.SigningKeys = [Some.PublicOf(Some.RsaKey1024)]);

        result.ShouldBeInvalidKey();
    }

    [TestCase(16)]
    [TestCase(31)]
    public void CreateToken_Hs256KeyShorterThan32Bytes_ThrowsInvalidKey(int bytes)
    {
        var act = () => Some.Handler().CreateToken(WithCredentials(new SigningCredentials(Some.Symmetric(bytes), "HS256")));

        act.Should().Throw<SecurityEventTokenException>().Which.Error.Code.Should().Be(SecurityEventErrorCodes.InvalidKey);
    }

    [Test]
    public async Task ValidateTokenAsync_Hs256KeyShorterThan32Bytes_InvalidKey()
    {
        var shortKey = Some.Symmetric(16);
        var token = RawToken.Sign(Some.Header(), Some.Payload(), shortKey.Key);

        (await Some.ValidateAsync(token, p => p.SigningKeys = [shortKey])).ShouldBeInvalidKey();
    }

    [Test]
    public void CreateToken_Hs512With32ByteKey_ThrowsInvalidKey()
    {
        var act = () => Some.Handler().CreateToken(WithCredentials(new SigningCredentials(Some.Symmetric(32), "HS512")));

        act.Should().Throw<SecurityEventTokenException>().Which.Error.Code.Should().Be(SecurityEventErrorCodes.InvalidKey);
    }

    [Test]
    public async Task ValidateTokenAsync_OctKeyInJsonWebKeySet_Accepted()
    {
        // JsonWebKeySet.GetSigningKeys() drops 'oct' keys; the validator must use every key of the set.
        var set = new JsonWebKeySet($$"""{"keys":[{"kty":"oct","kid":"hmac-1","k":"{{RawToken.Encode(Some.HmacKey)}}"}]}""");

        var result = await Some.ValidateAsync(Some.Hs256(), p => (p.SigningKeys, p.SigningKeySet) = ([], set));

        result.ShouldBeAccepted();
        result.SigningKey.Should().BeOfType<JsonWebKey>();
    }

    [Test]
    public async Task ValidateTokenAsync_RsaKeyInJsonWebKeySet_Accepted()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey((RsaSecurityKey)Some.PublicOf(Some.RsaKey));
        var token = Some.Handler().CreateToken(Some.Descriptor("RS256"));

        var result = await Some.Handler().ValidateTokenAsync(token, Parameters(jwk));

        result.ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_JwkRestrictedToRs384AndRs256Token_InvalidKey()
    {
        var jwk = RsaJwk();
        jwk.Alg = "RS384";
        var token = Some.Handler().CreateToken(Some.Descriptor("RS256"));

        (await Some.Handler().ValidateTokenAsync(token, Parameters(jwk))).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_JwkRestrictedToRs384AndRs384Token_Accepted()
    {
        var jwk = RsaJwk();
        jwk.Alg = "RS384";
        var token = Some.Handler().CreateToken(WithCredentials(new SigningCredentials(Some.RsaKey, "RS384")));

        (await Some.Handler().ValidateTokenAsync(token, Parameters(jwk))).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_JwkForEncryption_InvalidKey()
    {
        var jwk = RsaJwk();
        jwk.Use = "enc";
        var token = Some.Handler().CreateToken(Some.Descriptor("RS256"));

        (await Some.Handler().ValidateTokenAsync(token, Parameters(jwk))).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_JwkForSignatures_Accepted()
    {
        var jwk = RsaJwk();
        jwk.Use = "sig";
        var token = Some.Handler().CreateToken(Some.Descriptor("RS256"));

        (await Some.Handler().ValidateTokenAsync(token, Parameters(jwk))).ShouldBeAccepted();
    }

    [TestCase("sign", false)]
    [TestCase("encrypt", false)]
    [TestCase("verify", true)]
    public async Task ValidateTokenAsync_JwkKeyOps_OnlyVerifyAllowsVerification(string operation, bool accepted)
    {
        var jwk = RsaJwk();
        jwk.KeyOps.Add(operation);
        var token = Some.Handler().CreateToken(Some.Descriptor("RS256"));

        var result = await Some.Handler().ValidateTokenAsync(token, Parameters(jwk));

        if (accepted)
        {
            result.ShouldBeAccepted();
        }
        else
        {
            result.ShouldBeInvalidKey();
        }
    }

    [Test]
    public void FittingAlgorithms_Rsa2048Key_AreTheRsaAlgorithms()
    {
        FittingAlgorithms(Some.PublicOf(Some.RsaKey))
            .Should().BeEquivalentTo("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");
    }

    [Test]
    public void FittingAlgorithms_P256Key_IsOnlyEs256()
    {
        FittingAlgorithms(Some.PublicOf(Some.EcKey)).Should().BeEquivalentTo("ES256");
    }

    [Test]
    public void FittingAlgorithms_48ByteSymmetricKey_IsHs256AndHs384()
    {
        FittingAlgorithms(Some.Symmetric(48)).Should().BeEquivalentTo("HS256", "HS384");
    }

    [Test]
    public void FittingAlgorithms_Rsa1024BitKey_IsEmpty()
    {
        FittingAlgorithms(Some.PublicOf(Some.RsaKey1024)).Should().BeEmpty();
    }

    // The default allow-list: every algorithm whose check passes for the key.
    private static IEnumerable<string> FittingAlgorithms(SecurityKey key) =>
        JoseAlgorithm.Names.Where(name => SigningKeyFit.Check(key, JoseAlgorithm.Find(name)!, forSigning: false) is null);

    private static JsonWebKey RsaJwk() => JsonWebKeyConverter.ConvertFromRSASecurityKey((RsaSecurityKey)Some.PublicOf(Some.RsaKey));

    private static SecurityEventTokenValidationParameters Parameters(JsonWebKey jwk)
    {
        var parameters = Some.Parameters("RS256");
        parameters.SigningKeys = [];
        parameters.SigningKeySet = new JsonWebKeySet { Keys = { jwk } };
        return parameters;
    }

    private static SecurityEventTokenDescriptor WithCredentials(SigningCredentials credentials)
    {
        var descriptor = Some.Descriptor();
        descriptor.SigningCredentials = credentials;
        return descriptor;
    }
}
