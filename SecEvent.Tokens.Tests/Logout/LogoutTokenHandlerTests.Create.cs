using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Logout;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Logout;

/// <summary><see cref="LogoutTokenHandler.CreateToken"/>: what an OP writes (§2.4, §4).</summary>
public partial class LogoutTokenHandlerTests
{
    [Test]
    public void CreateToken_Descriptor_WritesLogoutClaimsAndTypBCL03BCL06()
    {
        var token = LogoutTokens.Handler().CreateToken(LogoutTokens.Descriptor());

        var (header, payload, _) = RawToken.Split(token);
        using var headerJson = JsonDocument.Parse(RawToken.Decode(header));
        using var claims = JsonDocument.Parse(RawToken.Decode(payload));
        headerJson.RootElement.GetProperty("typ").GetString().Should().Be("logout+jwt");
        headerJson.RootElement.GetProperty("alg").GetString().Should().Be("HS256");
        var root = claims.RootElement;
        root.GetProperty("iss").GetString().Should().Be(LogoutTokens.Issuer);
        root.GetProperty("aud").GetString().Should().Be(LogoutTokens.ClientId);
        root.GetProperty("sub").GetString().Should().Be(LogoutTokens.Subject);
        root.GetProperty("sid").GetString().Should().Be(LogoutTokens.SessionId);
        root.GetProperty("jti").GetString().Should().NotBeNullOrEmpty();
        root.GetProperty("iat").GetInt64().Should().Be(Some.NowSeconds);
        root.GetProperty("events").GetProperty(SecurityEventTypes.BackChannelLogout).GetRawText().Should().Be("{}");
        root.TryGetProperty("nonce", out _).Should().BeFalse();
    }

    [Test]
    public void CreateToken_NoLifetimeSet_ExpiresTwoMinutesAfterIatBCL11()
    {
        var token = LogoutTokens.Handler().CreateToken(LogoutTokens.Descriptor());

        ClaimsOf(token).GetProperty("exp").GetInt64().Should().Be(Some.NowSeconds + 120);
    }

    [Test]
    public void CreateToken_IssuedAtNotSet_IatAndExpFromTheClockBCL11()
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.IssuedAt = null;
        var clock = new ManualTimeProvider(Some.Now.AddSeconds(30.7));

        var claims = ClaimsOf(LogoutTokens.Handler(clock).CreateToken(descriptor));

        claims.GetProperty("iat").GetInt64().Should().Be(Some.NowSeconds + 30);
        claims.GetProperty("exp").GetInt64().Should().Be(Some.NowSeconds + 150);
    }

    [Test]
    public void CreateToken_LifetimeOrExpirationSet_UsedBCL11()
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.Lifetime = TimeSpan.FromSeconds(45);
        ClaimsOf(LogoutTokens.Handler().CreateToken(descriptor)).GetProperty("exp").GetInt64().Should().Be(Some.NowSeconds + 45);

        descriptor.Expiration = Some.Now.AddSeconds(90);
        ClaimsOf(LogoutTokens.Handler().CreateToken(descriptor)).GetProperty("exp").GetInt64().Should().Be(Some.NowSeconds + 90);
    }

    [Test]
    public void Lifetime_ZeroOrNegative_Throws()
    {
        var descriptor = LogoutTokens.Descriptor();

        FluentActions.Invoking(() => descriptor.Lifetime = TimeSpan.Zero).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => descriptor.Lifetime = TimeSpan.FromSeconds(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void CreateToken_ExpirationNotAfterIat_ThrowsBCL03()
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.Expiration = Some.Now;

        FluentActions.Invoking(() => LogoutTokens.Handler().CreateToken(descriptor)).Should().Throw<SecurityEventTokenException>()
            .Which.Error.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
    }

    [Test]
    public void CreateToken_Unsigned_ThrowsInvalidKeyBCL05()
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.SigningCredentials = null;

        FluentActions.Invoking(() => LogoutTokens.Handler().CreateToken(descriptor)).Should().Throw<SecurityEventTokenException>()
            .Which.Error.Code.Should().Be(SecurityEventErrorCodes.InvalidKey);
    }

    [Test]
    public void CreateToken_NeitherSubNorSid_ThrowsBCL03()
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.Subject = null;
        descriptor.SessionId = null;

        FluentActions.Invoking(() => LogoutTokens.Handler().CreateToken(descriptor)).Should().Throw<SecurityEventTokenException>()
            .Which.Error.Description.Should().Contain("'sid'");
    }

    [TestCase("", null)]
    [TestCase(null, "")]
    public void CreateToken_EmptySubOrSid_ThrowsBCL03(string? subject, string? sessionId)
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.Subject = subject;
        descriptor.SessionId = sessionId;

        FluentActions.Invoking(() => LogoutTokens.Handler().CreateToken(descriptor)).Should().Throw<SecurityEventTokenException>();
    }

    [TestCase(null)]
    [TestCase("")]
    public void CreateToken_NoIssuer_ThrowsBCL03(string? issuer)
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.Issuer = issuer;

        FluentActions.Invoking(() => LogoutTokens.Handler().CreateToken(descriptor)).Should().Throw<SecurityEventTokenException>();
    }

    [Test]
    public void CreateToken_NoOrEmptyAudience_ThrowsBCL03()
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.Audiences = [];
        FluentActions.Invoking(() => LogoutTokens.Handler().CreateToken(descriptor)).Should().Throw<SecurityEventTokenException>();

        descriptor.Audiences = [LogoutTokens.ClientId, ""];
        FluentActions.Invoking(() => LogoutTokens.Handler().CreateToken(descriptor)).Should().Throw<SecurityEventTokenException>();
    }

    [Test]
    public void CreateToken_NonceInAdditionalClaims_ThrowsBCL04()
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.AdditionalClaims["nonce"] = "n";

        FluentActions.Invoking(() => LogoutTokens.Handler().CreateToken(descriptor)).Should().Throw<SecurityEventTokenException>()
            .Which.Error.Description.Should().Contain("nonce");
    }

    [Test]
    public void CreateToken_SidInAdditionalClaims_ThrowsArgument()
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.AdditionalClaims["sid"] = "s";

        FluentActions.Invoking(() => LogoutTokens.Handler().CreateToken(descriptor)).Should().Throw<ArgumentException>();
    }

    [Test]
    public async Task CreateToken_AdditionalClaimsAndEventMembers_RoundTripBCL04()
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.AdditionalClaims["acr"] = "urn:example:loa:2";
        descriptor.Event = new BackChannelLogoutEvent { AdditionalMembers = new Dictionary<string, JsonElement> { ["reason"] = JsonElement.Parse("\"user\"") } };

        var accepted = (await LogoutTokens.ValidateAsync(LogoutTokens.Handler().CreateToken(descriptor))).ShouldBeAccepted();

        accepted.TryGetClaim("acr", out var acr).Should().BeTrue();
        acr.GetString().Should().Be("urn:example:loa:2");
        accepted.Event.AdditionalMembers!["reason"].GetString().Should().Be("user");
    }

    [TestCase("ES256")]
    [TestCase("RS256")]
    [TestCase("PS256")]
    public async Task CreateToken_AsymmetricKeys_ValidatedWithPublicKeyBCL05(string algorithm)
    {
        var descriptor = LogoutTokens.Descriptor();
        descriptor.SigningCredentials = Some.Credentials(algorithm);
        var token = LogoutTokens.Handler().CreateToken(descriptor);

        var accepted = (await LogoutTokens.ValidateAsync(token, p =>
        {
            p.SigningKeys = [Some.PublicOf(Some.KeyFor(algorithm))];
            p.ValidAlgorithms = [algorithm];
        })).ShouldBeAccepted();

        accepted.SessionId.Should().Be(LogoutTokens.SessionId);
    }

    [Test]
    public void Constructor_NullTimeProvider_Throws()
    {
        FluentActions.Invoking(() => new LogoutTokenHandler(null!)).Should().Throw<ArgumentNullException>();
    }

    private static JsonElement ClaimsOf(string token) => JsonElement.Parse(RawToken.Decode(RawToken.Split(token).Payload));
}
