using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events.OAuth;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;
using SecEvent.Tokens.Tests.Vectors;

namespace SecEvent.Tokens.Tests.Events.OAuth;

/// <summary>The OAuth Event Types 1.0 records (checklist §10): read under RFC 8417, refused under SSF.</summary>
public class OAuthEventTests
{
    private static readonly string[] Examples =
        ["oauth-events-fig3-token-issued", "oauth-events-fig4-token-revoked", "oauth-events-fig5-tokens-revoked", "oauth-events-fig6-client-disabled"];

    [TestCaseSource(nameof(Examples))]
    public async Task ValidateTokenAsync_SpecExampleUnderRfc8417_TypedAndRoundTrips(string name)
    {
        var data = Support.Vectors.Named(name).Data;
        var handler = Some.Handler(SpecTokens.ClockFor(data));
        var parameters = SpecTokens.ParametersFor(data, SecurityEventProfile.Rfc8417);

        var first = (await handler.ValidateTokenAsync(SpecTokens.Sign(SpecTokens.Header(SecurityEventProfile.Rfc8417), data.GetRawText()), parameters)).ShouldBeAccepted();
        var descriptor = SecurityEventTokenDescriptor.FromToken(first);
        descriptor.SigningCredentials = Some.Credentials("ES256");
        var second = (await handler.ValidateTokenAsync(handler.CreateToken(descriptor), parameters)).ShouldBeAccepted();

        first.Events.Single().GetType().Namespace.Should().Be(typeof(OAuthTokenRevoked).Namespace);
        JsonElement.DeepEquals(second.Payload.GetProperty("events"), data.GetProperty("events")).Should().BeTrue(second.Payload.GetRawText());
    }

    [TestCaseSource(nameof(Examples))]
    public async Task ValidateTokenAsync_SpecExampleUnderSharedSignals_RefusedForMissingSubId(string name)
    {
        var data = Support.Vectors.Named(name).Data;
        var token = SpecTokens.Sign(SpecTokens.Header(SecurityEventProfile.SharedSignals), data.GetRawText());

        var error = (await Some.Handler(SpecTokens.ClockFor(data)).ValidateTokenAsync(token, SpecTokens.ParametersFor(data, SecurityEventProfile.SharedSignals)))
            .ShouldBeInvalidRequest();

        error.Description.Should().Contain("sub_id");
    }

    [Test]
    public async Task ValidateTokenAsync_TokenRevokedExample_ReadsEveryMember()
    {
        var data = Support.Vectors.Named("oauth-events-fig4-token-revoked").Data;
        var token = SpecTokens.Sign(SpecTokens.Header(SecurityEventProfile.Rfc8417), data.GetRawText());

        var revoked = (await Some.Handler(SpecTokens.ClockFor(data)).ValidateTokenAsync(token, SpecTokens.ParametersFor(data, SecurityEventProfile.Rfc8417)))
            .ShouldBeAccepted().GetEvent<OAuthTokenRevoked>()!;

        revoked.Subject.TokenType.Should().Be(OAuthTokenType.RefreshToken);
        revoked.Subject.TokenIdentifierAlgorithm.Should().Be(OAuthTokenIdentifierAlgorithms.Plain);
        revoked.Subject.Token.Should().Be("7265667265736820746F6B656E20737472696E67");
        revoked.TokenSubject.Should().Be(new IssuerSubjectIdentifier { Issuer = "https://idp.example.com/", Subject = "75736572206964" });
        revoked.Reason.Should().Be(OAuthTokenRevocationReason.Inactive);
    }

    [TestCase("{\"subject\":{\"subject_type\":\"oauth_client\",\"client_id\":\"c\"}}", "oauth_token")]
    [TestCase("{\"subject\":{\"subject_type\":\"oauth_token\",\"token_type\":\"id_token\",\"token_identifier_alg\":\"plain\",\"token\":\"t\"}}", "token_type")]
    [TestCase("{\"subject\":{\"subject_type\":\"oauth_token\",\"token_type\":\"refresh_token\",\"token\":\"t\"}}", "token_identifier_alg")]
    [TestCase("{\"subject\":{\"subject_type\":\"oauth_token\",\"token_type\":\"refresh_token\",\"token_identifier_alg\":\"plain\",\"token\":\"\"}}", "token")]
    [TestCase("{\"subject\":{\"token_type\":\"refresh_token\",\"token_identifier_alg\":\"plain\",\"token\":\"t\"}}", "subject_type")]
    [TestCase("{\"subject\":null}", "subject")]
    [TestCase("{}", "subject")]
    [TestCase("{\"subject\":{\"subject_type\":\"oauth_token\",\"token_type\":\"refresh_token\",\"token_identifier_alg\":\"plain\",\"token\":\"t\"},\"reason\":\"bored\"}", "reason")]
    public async Task ValidateTokenAsync_BrokenTokenRevoked_InvalidRequestNamingMember(string payload, string member)
    {
        var token = Some.Hs256(Some.Payload($"\"events\":{{\"{OAuthEventTypes.TokenRevoked}\":{payload}}}", "events"));

        var error = (await Some.ValidateAsync(token)).ShouldBeInvalidRequest();

        error.Description.Should().Contain(member);
    }

    [Test]
    public async Task CreateToken_TokenRevokedForRfc7009Call_WrittenInOAuthEventTypesDialect()
    {
        var descriptor = Some.Descriptor("HS256");
        descriptor.Events =
        [
            new OAuthTokenRevoked
            {
                Subject = new OAuthTokenSubject { TokenType = OAuthTokenType.RefreshToken, TokenIdentifierAlgorithm = "hash_sha256", Token = "q1w2e3" },
                TokenSubject = new IssuerSubjectIdentifier { Issuer = Some.Issuer, Subject = "user-1" },
                Reason = OAuthTokenRevocationReason.Api,
            },
        ];

        var token = (await Some.ValidateAsync(Some.Handler().CreateToken(descriptor))).ShouldBeAccepted();

        var payload = token.Payload.GetProperty("events").GetProperty(OAuthEventTypes.TokenRevoked);
        JsonElement.DeepEquals(payload, JsonElement.Parse(
            $"{{\"subject\":{{\"subject_type\":\"oauth_token\",\"token_type\":\"refresh_token\",\"token_identifier_alg\":\"hash_sha256\",\"token\":\"q1w2e3\"}},"
            + $"\"token_subject\":{{\"subject_type\":\"iss-sub\",\"iss\":\"{Some.Issuer}\",\"sub\":\"user-1\"}},\"reason\":\"api\"}}")).Should().BeTrue(payload.GetRawText());
    }

    [Test]
    public async Task CreateToken_ClientEvents_CarryOAuthClientSubject()
    {
        var descriptor = Some.Descriptor("HS256");
        descriptor.Events = [new OAuthClientDisabled { Subject = new OAuthClientSubject { ClientId = "636C69656E74206964" } }, new OAuthClientEnabled(), new OAuthClientCredentialChanged()];

        var token = (await Some.ValidateAsync(Some.Handler().CreateToken(descriptor))).ShouldBeAccepted();

        token.GetEvent<OAuthClientDisabled>()!.Subject!.ClientId.Should().Be("636C69656E74206964");
        token.Payload.GetProperty("events").GetProperty(OAuthEventTypes.ClientDisabled).GetProperty("subject").GetProperty("subject_type").GetString().Should().Be("oauth_client");
        token.Events.Should().HaveCount(3);
    }

    [Test]
    public void CreateToken_BrokenSubjects_RefusedNamingMember()
    {
        var descriptor = Some.Descriptor("HS256");
        descriptor.Events = [new OAuthTokenRevoked { Subject = new OAuthTokenSubject { TokenType = (OAuthTokenType)7, TokenIdentifierAlgorithm = "plain", Token = "t" } }];
        EventTokens.CreationError(descriptor).Description.Should().Contain("token_type");

        descriptor.Events = [new OAuthClientDisabled { Subject = new OAuthClientSubject { ClientId = "" } }];
        EventTokens.CreationError(descriptor).Description.Should().Contain("client_id");
    }

    [Test]
    public async Task ValidateTokenAsync_UnknownSubjectMembers_KeptOnRoundTrip()
    {
        const string Payload = "{\"subject\":{\"subject_type\":\"oauth_client\",\"client_id\":\"c\",\"x-tenant\":{\"id\":1}}}";
        var token = Some.Hs256(Some.Payload($"\"events\":{{\"{OAuthEventTypes.ClientEnabled}\":{Payload}}}", "events"));
        var first = (await Some.ValidateAsync(token)).ShouldBeAccepted();

        var descriptor = SecurityEventTokenDescriptor.FromToken(first);
        descriptor.SigningCredentials = Some.Credentials("HS256");
        var again = (await Some.ValidateAsync(Some.Handler().CreateToken(descriptor))).ShouldBeAccepted();

        JsonElement.DeepEquals(again.Payload.GetProperty("events").GetProperty(OAuthEventTypes.ClientEnabled), JsonElement.Parse(Payload)).Should().BeTrue();
    }

    [Test]
    public void ToString_TokenSubject_NeverShowsTheToken()
    {
        var subject = new OAuthTokenSubject { TokenType = OAuthTokenType.AccessToken, TokenIdentifierAlgorithm = "plain", Token = "s3cr3t-access-token" };

        subject.ToString().Should().NotContain("s3cr3t").And.Contain("AccessToken");
    }
}
