using System.Text.Json;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Tokens.Logout;
using SecEvent.Tokens.Tests.Encryption;

namespace SecEvent.Tokens.Tests.Logout;

/// <summary>Logout Tokens MAY be encrypted (BCL-05); the RP decrypts first (BCL-08 step 1).</summary>
public class EncryptedLogoutTokenTests
{
    [TestCase(SecurityEventEncryptionAlgorithms.RsaOaep256, SecurityEventEncryptionAlgorithms.A256Gcm)]
    [TestCase(SecurityEventEncryptionAlgorithms.EcdhEsA256KW, SecurityEventEncryptionAlgorithms.A128CbcHs256)]
    public async Task CreateThenValidate_Encrypted_DecryptedAndHeaderRepeatsIssuerBCL05BCL08(string alg, string enc)
    {
        var (publicKey, privateKey) = EncryptionKeys.For(alg);
        var descriptor = LogoutTokens.Descriptor();
        descriptor.EncryptingCredentials = new EncryptingCredentials(publicKey, alg, enc);

        var token = LogoutTokens.Handler().CreateToken(descriptor);
        var accepted = (await LogoutTokens.ValidateAsync(token, p => p.DecryptionKeys = [privateKey])).ShouldBeAccepted();

        token.Split('.').Should().HaveCount(5);
        JsonElement.Parse(JweBuilder.HeaderOf(token)).GetProperty("iss").GetString().Should().Be(LogoutTokens.Issuer);
        accepted.SessionId.Should().Be(LogoutTokens.SessionId);
        accepted.Subject.Should().Be(LogoutTokens.Subject);
    }

    [Test]
    public async Task ValidateTokenAsync_PlainWhenEncryptionNegotiated_RefusedBCL08()
    {
        var token = LogoutTokens.Handler().CreateToken(LogoutTokens.Descriptor());

        var description = (await LogoutTokens.ValidateAsync(token, p =>
        {
            p.RequireEncryption = true;
            p.DecryptionKeys = [EncryptionKeys.RsaPrivate];
        })).ShouldBeRefused(token);

        description.Should().Contain("encrypted");
    }

    [Test]
    public async Task ValidateTokenAsync_EncryptedWithoutDecryptionKeys_RefusedBCL08()
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.EncryptingCredentials = new EncryptingCredentials(EncryptionKeys.RsaPublic, SecurityEventEncryptionAlgorithms.RsaOaep256, SecurityEventEncryptionAlgorithms.A256Gcm);
        var token = LogoutTokens.Handler().CreateToken(descriptor);

        (await LogoutTokens.ValidateAsync(token)).ShouldBeRefused(token).Should().Contain("decryption key");
    }
}
