using System.Text.Json;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens.Events;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Interop;

/// <summary>
/// Encrypted logout tokens (Back-Channel Logout 1.0 §2.4, BCL-05): signed, then encrypted, with <c>iss</c> repeated in
/// the JWE header. jose opens ours and sees the repeated <c>iss</c>; ours opens jose's, and refuses a header whose
/// <c>iss</c> says something else than the token.
/// </summary>
public partial class JoseJweInteropTests
{
    private const string LogoutJwtId = "interop-logout-1";

    private readonly Dictionary<(string Recipient, string Enc), JsonElement> _joseLogoutVerdicts = [];
    private readonly Dictionary<(string Recipient, string Enc), string> _joseLogoutJwes = [];
    private readonly Dictionary<(string Recipient, string Enc), string> _joseLogoutJwesWithOtherIssuer = [];

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public void CompactDecrypt_LogoutTokenEncryptedHere_JoseSeesIssInJweHeaderAndVerifiesBCL05(string recipient, string enc)
    {
        var verdict = _joseLogoutVerdicts[(recipient, enc)];

        ExpectJoseAccepted(verdict, recipient, enc, $"jose-{recipient.Replace(' ', '-')}", "logout+jwt");
        verdict.GetProperty("jweHeader").GetProperty("iss").GetString().Should().Be(Some.Issuer);
        verdict.GetProperty("payload").GetProperty("sid").GetString().Should().Be("session-1");
    }

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_LogoutTokenEncryptedByJoseWithIssInHeader_ValidBCL05(string recipient, string enc)
    {
        var ourKey = JweRecipient.Named(recipient).OurKey;

        var result = await Some.Handler().ValidateTokenAsync(_joseLogoutJwes[(recipient, enc)], LogoutParameters(ourKey));

        result.Error.Should().BeNull();
        result.DecryptionKey.Should().BeSameAs(ourKey);
        result.Token!.JwtId.Should().Be(LogoutJwtId);
    }

    [TestCaseSource(typeof(JweRecipient), nameof(JweRecipient.Pairs))]
    public async Task ValidateTokenAsync_LogoutTokenEncryptedByJoseWithOtherIssInHeader_InvalidRequestBCL05(string recipient, string enc)
    {
        var result = await Some.Handler().ValidateTokenAsync(_joseLogoutJwesWithOtherIssuer[(recipient, enc)], LogoutParameters(JweRecipient.Named(recipient).OurKey));

        result.Error!.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
        result.Error.Description.Should().Contain("'iss'");
    }

    private static SecurityEventTokenDescriptor LogoutDescriptor()
    {
        var descriptor = new SecurityEventTokenDescriptor
        {
            Profile = SecurityEventProfile.BackChannelLogout,
            Issuer = Some.Issuer,
            Audiences = [Some.Audience],
            IssuedAt = Some.Now,
            Expiration = Some.Now.AddMinutes(2),
            JwtId = LogoutJwtId,
            Events = [Some.Event(SecurityEventTypes.BackChannelLogout)],
            SigningCredentials = new SigningCredentials(Some.EcKey, "ES256"),
        };
        descriptor.AdditionalClaims["sid"] = "session-1";
        return descriptor;
    }

    private static SecurityEventTokenValidationParameters LogoutParameters(SecurityKey decryptionKey)
    {
        var parameters = Parameters(decryptionKey);
        parameters.Profile = SecurityEventProfile.BackChannelLogout;
        return parameters;
    }

    private void EnqueueLogout(SecurityEventTokenHandler handler)
    {
        var signed = handler.CreateToken(LogoutDescriptor());
        foreach (var (recipient, enc) in AllPairs())
        {
            var key = (recipient.Name, enc);
            var descriptor = LogoutDescriptor();
            descriptor.EncryptingCredentials = new EncryptingCredentials(PublicKey(recipient, ToJose), recipient.Algorithm, enc);
            Enqueue(
                Decrypt(handler.CreateToken(descriptor), recipient, enc, PrivateJwk(recipient, ToJose), Verification("logout+jwt", Some.NowSeconds)),
                r => _joseLogoutVerdicts[key] = r);

            var encrypt = new { op = "encrypt", token = signed, alg = recipient.Algorithm, enc, jwk = PublicJwk(recipient, ToOurs), iss = Some.Issuer };
            Enqueue(encrypt, r => _joseLogoutJwes[key] = r.GetProperty("jwe").GetString()!);
            Enqueue(encrypt with { iss = "https://other.example.com" }, r => _joseLogoutJwesWithOtherIssuer[key] = r.GetProperty("jwe").GetString()!);
        }
    }
}
