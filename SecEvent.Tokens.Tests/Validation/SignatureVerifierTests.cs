using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Validation;

/// <summary>Signature checks and key selection: only the caller's keys, only where they fit, only the right bytes.</summary>
public class SignatureVerifierTests
{
    public enum PublicKeyEncoding
    {
        SubjectPublicKeyInfoDer,
        SubjectPublicKeyInfoPem,
        Pkcs1Der,
        Pkcs1Pem,
        Modulus,
    }

    [TestCase(PublicKeyEncoding.SubjectPublicKeyInfoDer)]
    [TestCase(PublicKeyEncoding.SubjectPublicKeyInfoPem)]
    [TestCase(PublicKeyEncoding.Pkcs1Der)]
    [TestCase(PublicKeyEncoding.Pkcs1Pem)]
    [TestCase(PublicKeyEncoding.Modulus)]
    public async Task ValidateTokenAsync_HmacKeyedWithReceiversRsaPublicKey_InvalidKey(PublicKeyEncoding encoding)
    {
        // Algorithm confusion: the attacker knows our public key and uses its bytes as an HMAC secret.
        var rsa = Some.RsaKey.Rsa;
        var secret = encoding switch
        {
            PublicKeyEncoding.SubjectPublicKeyInfoDer => rsa.ExportSubjectPublicKeyInfo(),
            PublicKeyEncoding.SubjectPublicKeyInfoPem => Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()),
            PublicKeyEncoding.Pkcs1Der => rsa.ExportRSAPublicKey(),
            PublicKeyEncoding.Pkcs1Pem => Encoding.ASCII.GetBytes(rsa.ExportRSAPublicKeyPem()),
            _ => rsa.ExportParameters(false).Modulus!,
        };
        var token = RawToken.Sign(Some.Header(extraMembers: "\"kid\":\"rsa-1\""), Some.Payload(), secret);

        (await Some.Handler().ValidateTokenAsync(token, Some.Parameters("RS256"))).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_HmacKeyedWithReceiversEcPublicKey_InvalidKey()
    {
        var secret = Encoding.ASCII.GetBytes(Some.EcKey.ECDsa.ExportSubjectPublicKeyInfoPem());
        var token = RawToken.Sign(Some.Header(), Some.Payload(), secret);

        (await Some.Handler().ValidateTokenAsync(token, Some.Parameters("ES256"))).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_HmacKeyedWithPublicKeyFromJsonWebKeySet_InvalidKey()
    {
        // The same attack when the receiver's key comes from a JWKS document.
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey((RsaSecurityKey)Some.PublicOf(Some.RsaKey));
        var parameters = Some.Parameters("RS256");
        parameters.SigningKeys = [];
        parameters.SigningKeySet = new JsonWebKeySet { Keys = { jwk } };
        var token = RawToken.Sign(Some.Header(), Some.Payload(), Encoding.ASCII.GetBytes(Some.RsaKey.Rsa.ExportSubjectPublicKeyInfoPem()));

        (await Some.Handler().ValidateTokenAsync(token, parameters)).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_SignedWithAnotherHmacKey_InvalidKey()
    {
        var token = RawToken.Sign(Some.Header(), Some.Payload(), RandomNumberGenerator.GetBytes(32));

        var error = (await Some.ValidateAsync(token)).ShouldBeInvalidKey();

        error.Description.Should().Contain("does not verify");
    }

    [Test]
    public async Task ValidateTokenAsync_SignedWithAnotherRsaKey_InvalidKey()
    {
        var token = Some.Handler().CreateToken(WithCredentials(new SigningCredentials(Some.AttackerRsaKey, "RS256")));

        (await Some.Handler().ValidateTokenAsync(token, Some.Parameters("RS256"))).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_TamperedPayload_InvalidKey()
    {
        var (header, _, signature) = RawToken.Split(Some.Hs256());
        var forged = RawToken.Encode(Some.Payload().Replace(Some.JwtId, "jti-2", StringComparison.Ordinal));

        (await Some.ValidateAsync($"{header}.{forged}.{signature}")).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_TamperedHeader_InvalidKey()
    {
        var (_, payload, signature) = RawToken.Split(Some.Hs256());
        var forged = RawToken.Encode(Some.Header(typ: "application/secevent+jwt"));

        (await Some.ValidateAsync($"{forged}.{payload}.{signature}")).ShouldBeInvalidKey();
    }

    [TestCase("HS256", 0)]
    [TestCase("HS256", 1)]
    [TestCase("HS256", 16)]
    [TestCase("HS256", 31)]
    [TestCase("HS256", 33)]
    [TestCase("RS256", 255)]
    [TestCase("RS256", 257)]
    [TestCase("ES256", 63)]
    [TestCase("ES256", 65)]
    public async Task ValidateTokenAsync_SignatureOfWrongLength_InvalidKey(string algorithm, int length)
    {
        // A prefix of the right signature (or the right one plus a byte) must never pass: no truncated MACs.
        var token = Some.Handler().CreateToken(Some.Descriptor(algorithm));
        var (header, payload, signature) = RawToken.Split(token);
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(signature);
        var resized = new byte[length];
        Array.Copy(bytes, resized, Math.Min(length, bytes.Length));

        (await Some.Handler().ValidateTokenAsync($"{header}.{payload}.{RawToken.Encode(resized)}", Some.Parameters(algorithm))).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_EcdsaSignatureInDerForm_InvalidKey()
    {
        // RFC 7518 §3.4: R || S, not the ASN.1 DER structure many crypto APIs produce.
        var input = $"{RawToken.Encode(Some.Header("ES256"))}.{RawToken.Encode(Some.Payload())}";
        var der = Some.EcKey.ECDsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        (await Some.Handler().ValidateTokenAsync($"{input}.{RawToken.Encode(der)}", Some.Parameters("ES256"))).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_KidMatchesOneOfSeveralKeys_AcceptedWithThatKey()
    {
        var other = Some.OtherSymmetric("other");
        var ours = Some.Symmetric(32, "hmac-1");
        var token = Some.Hs256(header: Some.Header(extraMembers: "\"kid\":\"hmac-1\""));

        var result = await Some.ValidateAsync(token, p => p.SigningKeys = [other, ours, Some.PublicOf(Some.EcKey)]);

        result.ShouldBeAccepted();
        result.SigningKey.Should().BeSameAs(ours);
    }

    [Test]
    public async Task ValidateTokenAsync_UnknownKidAndOnlyKidBearingKeys_InvalidKey()
    {
        // The key material would verify, but the token names another key: it is not tried.
        var token = Some.Hs256(header: Some.Header(extraMembers: "\"kid\":\"unknown\""));

        var error = (await Some.ValidateAsync(token, p => p.SigningKeys = [Some.Symmetric(32, "hmac-1")])).ShouldBeInvalidKey();

        error.Description.Should().Contain("kid");
    }

    [Test]
    public async Task ValidateTokenAsync_UnknownKidAndAKeyWithoutKid_FallsBackToThatKey()
    {
        var unnamed = new SymmetricSecurityKey(Some.HmacKey);
        var named = Some.OtherSymmetric("other");
        var token = Some.Hs256(header: Some.Header(extraMembers: "\"kid\":\"unknown\""));

        var result = await Some.ValidateAsync(token, p => p.SigningKeys = [named, unnamed]);

        result.ShouldBeAccepted();
        result.SigningKey.Should().BeSameAs(unnamed);
    }

    [Test]
    public async Task ValidateTokenAsync_KidMatchesAWrongKey_DoesNotTryUnnamedKeys()
    {
        // Keys without a kid are a fallback for unknown kids only, not a second chance for a named key that failed.
        var wrong = Some.OtherSymmetric("hmac-1");
        var unnamed = new SymmetricSecurityKey(Some.HmacKey);
        var token = Some.Hs256(header: Some.Header(extraMembers: "\"kid\":\"hmac-1\""));

        (await Some.ValidateAsync(token, p => p.SigningKeys = [wrong, unnamed])).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_NoKidInToken_TriesEveryFittingKey()
    {
        var wrong = Some.OtherSymmetric("first");
        var right = Some.Symmetric(32, "second");

        var result = await Some.ValidateAsync(Some.Hs256(), p => p.SigningKeys = [Some.PublicOf(Some.RsaKey), wrong, right]);

        result.ShouldBeAccepted();
        result.SigningKey.Should().BeSameAs(right);
    }

    [Test]
    public async Task ValidateTokenAsync_NoKeysConfigured_InvalidKey()
    {
        (await Some.ValidateAsync(Some.Hs256(), p => p.SigningKeys = [])).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_BadSignatureAndWrongIssuer_ReportsKeyFirst()
    {
        // Unauthenticated tokens learn nothing about which issuers or audiences are accepted.
        var token = RawToken.Sign(Some.Header(), Some.Payload().Replace(Some.Issuer, "https://other.example", StringComparison.Ordinal), RandomNumberGenerator.GetBytes(32));

        (await Some.ValidateAsync(token)).ShouldBeInvalidKey();
    }

    private static SecurityEventTokenDescriptor WithCredentials(SigningCredentials credentials)
    {
        var descriptor = Some.Descriptor();
        descriptor.SigningCredentials = credentials;
        return descriptor;
    }
}
