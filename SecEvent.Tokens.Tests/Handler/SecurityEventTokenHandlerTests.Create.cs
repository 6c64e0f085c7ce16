using System.Buffers.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Handler;

/// <summary><see cref="SecurityEventTokenHandler.CreateToken"/>: defaults and the profile rules it enforces.</summary>
public partial class SecurityEventTokenHandlerTests
{
    [Test]
    public void CreateToken_NoJwtId_RandomBase64UrlOfAtLeast128Bits()
    {
        var first = CreatedPayload(Some.Descriptor()).GetProperty("jti").GetString()!;
        var second = CreatedPayload(Some.Descriptor()).GetProperty("jti").GetString()!;

        Base64Url.IsValid(first, out var decodedLength).Should().BeTrue();
        decodedLength.Should().BeGreaterThanOrEqualTo(16);
        first.Should().MatchRegex("^[A-Za-z0-9_-]+$");
        second.Should().NotBe(first);
    }

    [Test]
    public void CreateToken_ManyTokens_JwtIdsAllDistinct()
    {
        var handler = Some.Handler();

        var ids = Enumerable.Range(0, 1_000).Select(_ => CreatedPayload(Some.Descriptor("HS256"), handler).GetProperty("jti").GetString()).ToList();

        ids.Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void CreateToken_JwtIdSet_WrittenAsIs()
    {
        var descriptor = Some.Descriptor();
        descriptor.JwtId = "my-id";

        CreatedPayload(descriptor).GetProperty("jti").GetString().Should().Be("my-id");
    }

    [Test]
    public void CreateToken_NoIssuedAt_TakenFromHandlerClock()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var descriptor = Some.Descriptor();
        descriptor.IssuedAt = null;

        CreatedPayload(descriptor, Some.Handler(clock)).GetProperty("iat").GetRawText().Should().Be(clock.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public void CreateToken_IssuedAtSet_WrittenExactly()
    {
        var descriptor = Some.Descriptor();
        descriptor.IssuedAt = new NumericDate(1458496404.123m);

        CreatedPayload(descriptor).GetProperty("iat").GetRawText().Should().Be("1458496404.123");
    }

    [Test]
    public void CreateToken_SharedSignalsWithExpiration_ThrowsInvalidRequestSSF09()
    {
        var descriptor = Some.SharedSignalsDescriptor();
        descriptor.Expiration = new NumericDate(Some.NowSeconds + 60);

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidRequest).Description.Should().Contain("'exp'");
    }

    [Test]
    public void CreateToken_SharedSignalsWithSubject_ThrowsInvalidRequestSSF09()
    {
        var descriptor = Some.SharedSignalsDescriptor();
        descriptor.Subject = "user-1";

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidRequest);
    }

    [Test]
    public void CreateToken_SharedSignalsWithoutSubjectId_ThrowsInvalidRequestSSF01()
    {
        var descriptor = Some.SharedSignalsDescriptor();
        descriptor.SubjectId = null;

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidRequest);
    }

    [Test]
    public void CreateToken_LogoutWithoutExpiration_ExpIsIatPlus120Seconds()
    {
        var payload = CreatedPayload(Some.LogoutDescriptor());

        payload.GetProperty("exp").GetInt64().Should().Be(payload.GetProperty("iat").GetInt64() + 120);
        payload.GetProperty("exp").GetInt64().Should().Be(Some.NowSeconds + 120);
    }

    [Test]
    public void CreateToken_LogoutWithExpiration_KeepsIt()
    {
        var descriptor = Some.LogoutDescriptor();
        descriptor.Expiration = new NumericDate(Some.NowSeconds + 30);

        CreatedPayload(descriptor).GetProperty("exp").GetInt64().Should().Be(Some.NowSeconds + 30);
    }

    [TestCase(SecurityEventProfile.Rfc8417)]
    [TestCase(SecurityEventProfile.SharedSignals)]
    [TestCase(SecurityEventProfile.BackChannelLogout)]
    public async Task CreateToken_EachProfile_ValidatesUnderThatProfile(SecurityEventProfile profile)
    {
        var descriptor = profile switch
        {
            SecurityEventProfile.SharedSignals => Some.SharedSignalsDescriptor(new SsfVerificationEvent { State = "s" }),
            SecurityEventProfile.BackChannelLogout => Some.LogoutDescriptor(),
            _ => Some.Descriptor("HS256"),
        };
        var parameters = Some.HmacParameters(p => p.Profile = profile);

        (await Some.Handler().ValidateTokenAsync(Some.Handler().CreateToken(descriptor), parameters)).ShouldBeAccepted();
    }

    [Test]
    public void CreateToken_LogoutWithoutSubOrSid_ThrowsInvalidRequestBCL03()
    {
        var descriptor = Some.LogoutDescriptor();
        descriptor.AdditionalClaims.Remove("sid");

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidRequest);
    }

    [Test]
    public void CreateToken_LogoutWithNonce_ThrowsInvalidRequestBCL04()
    {
        var descriptor = Some.LogoutDescriptor();
        descriptor.AdditionalClaims["nonce"] = "n-0S6";

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidRequest);
    }

    [Test]
    public void CreateToken_LogoutWithoutAudience_ThrowsInvalidRequestBCL03()
    {
        var descriptor = Some.LogoutDescriptor();
        descriptor.Audiences = [];

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidRequest);
    }

    [TestCase(null)]
    [TestCase("")]
    public void CreateToken_NoIssuer_ThrowsInvalidRequest(string? issuer)
    {
        var descriptor = Some.Descriptor();
        descriptor.Issuer = issuer;

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidRequest).Description.Should().Contain("'iss'");
    }

    [Test]
    public void CreateToken_NoEvents_ThrowsInvalidRequestSET03()
    {
        var descriptor = Some.Descriptor();
        descriptor.Events = [];

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidRequest);
    }

    [Test]
    public void CreateToken_TwoEventsOfTheSameType_ThrowsInvalidRequestSET04()
    {
        var descriptor = Some.Descriptor();
        descriptor.Events = [Some.Event(), Some.Event(payload: "{\"x\":1}")];

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidRequest);
    }

    [Test]
    public void CreateToken_SameEventInstanceTwiceOrAfterOthers_ThrowsInvalidRequestSET04()
    {
        var repeated = Some.Event();
        var descriptor = Some.Descriptor();
        descriptor.Events = [repeated, Some.Event("https://example.com/event-type/other"), repeated];

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidRequest);
    }

    [TestCase("not a uri")]
    [TestCase("event-type")]
    public void CreateToken_EventTypeNotAUri_ThrowsInvalidRequestSET01(string eventType)
    {
        var descriptor = Some.Descriptor();
        descriptor.Events = [Some.Event(eventType)];

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidRequest);
    }

    [Test]
    public void CreateToken_EmptyJwtId_ThrowsInvalidRequest()
    {
        var descriptor = Some.Descriptor();
        descriptor.JwtId = string.Empty;

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidRequest);
    }

    [Test]
    public void CreateToken_NoCredentialsAndNotUnsecured_ThrowsInvalidKey()
    {
        var descriptor = Some.Descriptor();
        descriptor.SigningCredentials = null;

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidKey);
    }

    [Test]
    public void CreateToken_UnsecuredWithCredentials_ThrowsInvalidKey()
    {
        var descriptor = Some.Descriptor();
        descriptor.Unsecured = true;

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidKey);
    }

    [Test]
    public void CreateToken_UnsecuredLogoutToken_ThrowsInvalidKey()
    {
        var descriptor = Some.LogoutDescriptor();
        descriptor.SigningCredentials = null;
        descriptor.Unsecured = true;

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidKey);
    }

    [TestCase(SecurityAlgorithms.RsaSha256Signature)]
    [TestCase(SecurityAlgorithms.HmacSha256Signature)]
    [TestCase("rs256")]
    [TestCase("none")]
    public void CreateToken_NonJoseAlgorithmName_ThrowsInvalidKey(string algorithm)
    {
        var descriptor = Some.Descriptor();
        descriptor.SigningCredentials = new SigningCredentials(algorithm.StartsWith("http", StringComparison.Ordinal) && algorithm.Contains("hmac", StringComparison.Ordinal) ? Some.Symmetric(32) : Some.RsaKey, algorithm);

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidKey);
    }

    [TestCase("RS256", "ES256")]
    [TestCase("ES256", "HS256")]
    [TestCase("HS256", "RS256")]
    [TestCase("ES384", "ES256")]
    public void CreateToken_KeyDoesNotFitAlgorithm_ThrowsInvalidKey(string algorithm, string keyOf)
    {
        var descriptor = Some.Descriptor();
        descriptor.SigningCredentials = new SigningCredentials(Some.KeyFor(keyOf), algorithm);

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidKey);
    }

    [Test]
    public void CreateToken_PublicKeyOnly_ThrowsInvalidKey()
    {
        var descriptor = Some.Descriptor("RS256");
        descriptor.SigningCredentials = new SigningCredentials(Some.PublicOf(Some.RsaKey), "RS256");

        ShouldRefuse(descriptor, SecurityEventErrorCodes.InvalidKey);
    }

    [Test]
    public void CreateToken_NullDescriptor_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => Some.Handler().CreateToken(null!)).Should().Throw<ArgumentNullException>();
    }

    [Test]
    public async Task CreateToken_UnsecuredRfc8417_ValidatesOnlyWithOptIn()
    {
        var descriptor = Some.Descriptor();
        descriptor.SigningCredentials = null;
        descriptor.Unsecured = true;

        var token = Some.Handler().CreateToken(descriptor);

        (await Some.ValidateAsync(token)).ShouldBeInvalidKey();
        (await Some.ValidateAsync(token, p => p.AllowUnsecuredTokens = true)).ShouldBeAccepted();
    }

    // Values the validator refuses must be refused when creating too: the library never writes a token its own
    // profile would refuse (ProfileRules). Each case is a value the validator refuses.
    [TestCase("txn-empty")]
    [TestCase("sub-empty")]
    [TestCase("sid-empty")]
    [TestCase("sid-number")]
    [TestCase("nbf-string")]
    [TestCase("cty-jwt")]
    public async Task CreateToken_ValueItsOwnValidatorRefuses_ThrowsOrValidates(string @case)
    {
        var descriptor = @case.StartsWith("sid", StringComparison.Ordinal) ? Some.LogoutDescriptor() : Some.Descriptor("HS256");
        switch (@case)
        {
            case "txn-empty": descriptor.TransactionId = string.Empty; break;
            case "sub-empty": descriptor.Subject = string.Empty; break;
            case "sid-empty": descriptor.AdditionalClaims["sid"] = string.Empty; break;
            case "sid-number": descriptor.AdditionalClaims["sid"] = 42; break;
            case "nbf-string": descriptor.AdditionalClaims["nbf"] = "tomorrow"; break;
            case "cty-jwt": descriptor.AdditionalHeaderParameters["cty"] = "JWT"; break;
        }

        string token;
        try
        {
            token = Some.Handler().CreateToken(descriptor);
        }
        catch (Exception ex) when (ex is SecurityEventTokenException or ArgumentException)
        {
            return; // refused at creation: consistent with the validator
        }

        var result = await Some.Handler().ValidateTokenAsync(token, Some.HmacParameters(p => p.Profile = descriptor.Profile));
        result.Error.Should().BeNull("CreateToken wrote a token that its own validator refuses");
    }

    private static SecurityEventError ShouldRefuse(SecurityEventTokenDescriptor descriptor, string code)
    {
        var error = FluentActions.Invoking(() => Some.Handler().CreateToken(descriptor))
            .Should().Throw<SecurityEventTokenException>().Which.Error;
        error.Code.Should().Be(code, "the description was \"{0}\"", error.Description);
        return error;
    }

    private static JsonElement CreatedPayload(SecurityEventTokenDescriptor descriptor, SecurityEventTokenHandler? handler = null) =>
        JsonElement.Parse(RawToken.Decode(RawToken.Split((handler ?? Some.Handler()).CreateToken(descriptor)).Payload));
}
