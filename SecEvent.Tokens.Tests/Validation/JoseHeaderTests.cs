using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Validation;

/// <summary>
/// The JOSE header parameters validation acts on or refuses (RFC 7515 §4.1). Tokens are signed correctly so the
/// header rule is the only reason for a refusal.
/// </summary>
public class JoseHeaderTests
{
    [TestCase("[\"exp\"]")]
    [TestCase("[]")]
    [TestCase("[\"b64\"]")]
    [TestCase("\"exp\"")]
    [TestCase("null")]
    [TestCase("42")]
    public async Task ValidateTokenAsync_CritPresent_InvalidRequest(string crit)
    {
        // RFC 7515 §4.1.11: no extension is understood here, so any 'crit' makes the JWS invalid.
        var error = (await ValidateWithHeaderAsync($"\"crit\":{crit}")).ShouldBeInvalidRequest();

        error.Description.Should().Contain("crit");
    }

    [TestCase("\"DEF\"")]
    [TestCase("\"\"")]
    public async Task ValidateTokenAsync_ZipPresent_InvalidRequest(string zip)
    {
        (await ValidateWithHeaderAsync($"\"zip\":{zip}")).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_EncInJws_InvalidRequest()
    {
        (await ValidateWithHeaderAsync("\"enc\":\"A256GCM\"")).ShouldBeInvalidRequest();
    }

    [TestCase("false")]
    [TestCase("true")]
    public async Task ValidateTokenAsync_B64Present_InvalidRequest(string b64)
    {
        (await ValidateWithHeaderAsync($"\"b64\":{b64}")).ShouldBeInvalidRequest();
    }

    [TestCase("JWT")]
    [TestCase("jwt")]
    [TestCase("application/jwt")]
    [TestCase("APPLICATION/JWT")]
    public async Task ValidateTokenAsync_NestedJwtContentType_InvalidRequest(string cty)
    {
        var error = (await ValidateWithHeaderAsync($"\"cty\":\"{cty}\"")).ShouldBeInvalidRequest();

        error.Description.Should().Contain("cty");
    }

    [Test]
    public async Task ValidateTokenAsync_OtherContentType_Accepted()
    {
        (await ValidateWithHeaderAsync("\"cty\":\"json\"")).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_UnknownHeaderParameter_Accepted()
    {
        // Only 'crit' makes an extension mandatory; other unknown parameters are ignored (RFC 7515 §4).
        (await ValidateWithHeaderAsync("\"x-custom\":{\"a\":[1,2]}")).ShouldBeAccepted();
    }

    [Test]
    public async Task ValidateTokenAsync_AlgMissing_InvalidRequest()
    {
        var error = (await Some.ValidateAsync(Some.Hs256(header: "{\"typ\":\"secevent+jwt\"}"))).ShouldBeInvalidRequest();

        error.Description.Should().Contain("'alg'");
    }

    [TestCase("256")]
    [TestCase("null")]
    [TestCase("[\"HS256\"]")]
    [TestCase("{\"name\":\"HS256\"}")]
    [TestCase("\"\"")]
    public async Task ValidateTokenAsync_AlgNotANonEmptyString_InvalidRequest(string alg)
    {
        (await Some.ValidateAsync(Some.Hs256(header: $"{{\"alg\":{alg},\"typ\":\"secevent+jwt\"}}"))).ShouldBeInvalidRequest();
    }

    [TestCase("HS1")]
    [TestCase("hs256")]
    [TestCase("HS256 ")]
    [TestCase("RSA-OAEP")]
    [TestCase("EdDSA")]
    public async Task ValidateTokenAsync_UnknownAlg_InvalidKey(string alg)
    {
        // Algorithm names are case-sensitive (RFC 7515 §4.1.1): only the exact JOSE names are known.
        (await Some.ValidateAsync(Some.Hs256(header: Some.Header(alg)))).ShouldBeInvalidKey();
    }

    [TestCase("NONE")]
    [TestCase("None")]
    public async Task ValidateTokenAsync_NoneInOtherCase_InvalidKeyEvenWhenUnsecuredAllowed(string alg)
    {
        var token = RawToken.Unsecured(Some.Header(alg), Some.Payload());

        (await Some.ValidateAsync(token, p => p.AllowUnsecuredTokens = true)).ShouldBeInvalidKey();
    }

    [TestCase("42")]
    [TestCase("null")]
    [TestCase("[\"hmac-1\"]")]
    public async Task ValidateTokenAsync_KidNotAString_InvalidRequest(string kid)
    {
        (await ValidateWithHeaderAsync($"\"kid\":{kid}")).ShouldBeInvalidRequest();
    }

    [TestCase("42")]
    [TestCase("null")]
    public async Task ValidateTokenAsync_TypNotAString_InvalidRequest(string typ)
    {
        (await Some.ValidateAsync(Some.Hs256(header: $"{{\"alg\":\"HS256\",\"typ\":{typ}}}"))).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_HeaderJwkCarriesAttackerKey_InvalidKey()
    {
        // Signed with the attacker's key and naming the same kid as ours: the embedded jwk must not be trusted.
        var attacker = Some.AttackerRsaKey.Rsa.ExportParameters(false);
        var jwk = $"{{\"kty\":\"RSA\",\"kid\":\"rsa-1\",\"n\":\"{RawToken.Encode(attacker.Modulus!)}\",\"e\":\"{RawToken.Encode(attacker.Exponent!)}\"}}";

        (await ValidateSignedByAttackerAsync($"\"kid\":\"rsa-1\",\"jwk\":{jwk}")).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_HeaderX5cCarriesAttackerCertificate_InvalidKey()
    {
        var request = new CertificateRequest("CN=transmitter.example.com", Some.AttackerRsaKey.Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(Some.Now.AddDays(-1), Some.Now.AddYears(1));
        var x5c = JsonSerializer.Serialize(new[] { Convert.ToBase64String(certificate.RawData) });

        (await ValidateSignedByAttackerAsync($"\"x5c\":{x5c}")).ShouldBeInvalidKey();
    }

    [TestCase("jku", "https://attacker.example/jwks.json")]
    [TestCase("x5u", "https://attacker.example/cert.pem")]
    public async Task ValidateTokenAsync_HeaderUrlPointsAtAttackerKeys_InvalidKey(string parameter, string url)
    {
        (await ValidateSignedByAttackerAsync($"\"{parameter}\":\"{url}\"")).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_HeaderJwkCarriesAttackerHmacKey_InvalidKey()
    {
        // The same attack with a symmetric key: the token is HMAC'd with the very key it carries.
        var attackerKey = RandomNumberGenerator.GetBytes(32);
        var header = Some.Header(extraMembers: $"\"kid\":\"hmac-1\",\"jwk\":{{\"kty\":\"oct\",\"kid\":\"hmac-1\",\"k\":\"{RawToken.Encode(attackerKey)}\"}}");

        (await Some.ValidateAsync(RawToken.Sign(header, Some.Payload(), attackerKey))).ShouldBeInvalidKey();
    }

    [Test]
    public async Task ValidateTokenAsync_DuplicateMemberInsideNestedHeaderValue_InvalidRequestSET04()
    {
        var result = await ValidateWithHeaderAsync("\"jwk\":{\"kty\":\"oct\",\"kty\":\"RSA\"}");

        result.ShouldBeInvalidRequest().Description.Should().Contain("repeats a member name");
    }

    [Test]
    public async Task ValidateTokenAsync_HeaderNameRepeatedThroughAnEscape_InvalidRequest()
    {
        // "al\u0067" is "alg": a second alg spelled differently is still a duplicate.
        var result = await Some.ValidateAsync(Some.Hs256(header: "{\"alg\":\"HS256\",\"al\\u0067\":\"none\"}"));

        result.ShouldBeInvalidRequest().Description.Should().Contain("repeats a member name");
    }

    [Test]
    public async Task ValidateTokenAsync_DuplicateAmongManyHeaderParameters_InvalidRequest()
    {
        var many = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"x{i}\":{i}"));

        var result = await ValidateWithHeaderAsync(many + ",\"x7\":0");

        result.ShouldBeInvalidRequest().Description.Should().Contain("repeats a member name");
    }

    [Test]
    public async Task ValidateTokenAsync_ManyDistinctHeaderParameters_Accepted()
    {
        var many = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"x{i}\":{i}"));

        (await ValidateWithHeaderAsync(many)).ShouldBeAccepted();
    }

    [TestCase("{\"alg\":\"HS256\"} x")]
    [TestCase("{\"alg\":\"HS256\"}{}")]
    [TestCase("{\"alg\":\"HS256\"")]
    public async Task ValidateTokenAsync_HeaderNotASingleObject_InvalidRequest(string header)
    {
        (await Some.ValidateAsync(Some.Hs256(header: header))).ShouldBeInvalidRequest();
    }

    [Test]
    public async Task ValidateTokenAsync_NestedHeaderValueTooDeep_InvalidRequest()
    {
        var deep = new string('[', 40) + new string(']', 40);

        (await ValidateWithHeaderAsync($"\"x\":{deep}")).ShouldBeInvalidRequest().Description.Should().Contain("nested deeper");
    }

    [Test]
    public async Task Header_OfValidatedToken_HoldsEveryParameterAsReceived()
    {
        var result = await ValidateWithHeaderAsync("\"x-vendor\":{\"a\":[1,2]},\"x5t\":\"abc\"");

        var header = result.ShouldBeAccepted().Header;
        header.GetProperty("x-vendor").GetProperty("a")[1].GetInt32().Should().Be(2);
        header.GetProperty("x5t").GetString().Should().Be("abc");
        header.GetProperty("alg").GetString().Should().Be("HS256");
    }

    private static ValueTask<SecurityEventTokenValidationResult> ValidateWithHeaderAsync(string extraMembers) =>
        Some.ValidateAsync(Some.Hs256(header: Some.Header(extraMembers: extraMembers)));

    private static ValueTask<SecurityEventTokenValidationResult> ValidateSignedByAttackerAsync(string extraMembers)
    {
        var token = RawToken.SignRsa(
            Some.Header("RS256", extraMembers: extraMembers), Some.Payload(), Some.AttackerRsaKey.Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return Some.Handler().ValidateTokenAsync(token, Some.Parameters("RS256"));
    }
}
