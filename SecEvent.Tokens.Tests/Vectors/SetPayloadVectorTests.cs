using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Vectors;

/// <summary>Every SET and logout-token claims set printed in the specifications (../shared/vectors).</summary>
public class SetPayloadVectorTests
{
    private static IEnumerable<TestVector> Valid() => Support.Vectors.OfKind("set-payload", "logout-token-payload").Where(v => v.Valid);

    private static IEnumerable<TestVector> Invalid() => Support.Vectors.OfKind("set-payload", "logout-token-payload").Where(v => !v.Valid);

    [TestCaseSource(nameof(Valid))]
    public async Task ValidateTokenAsync_ValidSpecExample_AcceptedSET07(TestVector vector)
    {
        var profile = SpecTokens.ProfileOf(vector);
        var token = SpecTokens.Sign(SpecTokens.Header(profile), vector.Data.GetRawText());
        var handler = Some.Handler(SpecTokens.ClockFor(vector.Data));

        var result = await handler.ValidateTokenAsync(token, SpecTokens.ParametersFor(vector.Data, profile));

        result.Error.Should().BeNull(vector.Notes);
        result.Token!.JwtId.Should().Be(vector.Data.GetProperty("jti").GetString());
        JsonElement.DeepEquals(result.Token.Payload, vector.Data).Should().BeTrue();
        result.Token.Events.Select(e => e.EventType).Should().Equal(vector.Data.GetProperty("events").EnumerateObject().Select(p => p.Name));
    }

    [TestCaseSource(nameof(Valid))]
    public async Task CreateToken_FromValidatedSpecExample_RoundTripsWithoutLoss(TestVector vector)
    {
        var profile = SpecTokens.ProfileOf(vector);
        var handler = Some.Handler(SpecTokens.ClockFor(vector.Data));
        var parameters = SpecTokens.ParametersFor(vector.Data, profile);
        var first = await handler.ValidateTokenAsync(SpecTokens.Sign(SpecTokens.Header(profile), vector.Data.GetRawText()), parameters);

        var descriptor = SecurityEventTokenDescriptor.FromToken(first.Token!);
        descriptor.Profile = profile;
        descriptor.SigningCredentials = Some.Credentials("ES256");
        var second = await handler.ValidateTokenAsync(handler.CreateToken(descriptor), parameters);

        second.Error.Should().BeNull();
        JsonElement.DeepEquals(AudienceAsArray(second.Token!.Payload), AudienceAsArray(vector.Data))
            .Should().BeTrue("parse → serialize must lose nothing: {0}", second.Token.Payload.GetRawText());
        second.Token.Events.Should().Equal(first.Token!.Events, (a, b) => a.GetType() == b.GetType() && a.EventType == b.EventType);
    }

    [TestCaseSource(nameof(Invalid))]
    public async Task ValidateTokenAsync_InvalidSpecExample_RefusedWithInvalidRequest(TestVector vector)
    {
        var profile = SpecTokens.ProfileOf(vector);
        var token = SpecTokens.Sign(SpecTokens.Header(profile), vector.Data.GetRawText());
        var handler = Some.Handler(SpecTokens.ClockFor(vector.Data));

        var result = await handler.ValidateTokenAsync(token, SpecTokens.ParametersFor(vector.Data, profile));

        result.IsValid.Should().BeFalse(vector.Notes);
        result.Error!.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest, result.Error.Description);
    }

    [Test]
    public async Task ValidateTokenAsync_Rfc8417ExampleUnderSharedSignals_RefusedSSF09()
    {
        // RFC 8417 figure 1 carries 'sub' and no 'sub_id': legal RFC 8417, illegal SSF.
        var vector = Support.Vectors.Named("rfc8417-fig1-scim-password-reset");
        var token = SpecTokens.Sign(SpecTokens.Header(SecurityEventProfile.SharedSignals), vector.Data.GetRawText());

        var result = await Some.Handler(SpecTokens.ClockFor(vector.Data))
            .ValidateTokenAsync(token, SpecTokens.ParametersFor(vector.Data, SecurityEventProfile.SharedSignals));

        result.Error!.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
        result.Error.Description.Should().Contain("sub_id");
    }

    [Test]
    public async Task ValidateTokenAsync_Rfc8417LogoutExampleUnderBackChannelLogout_RefusedForMissingExpBCL03()
    {
        var vector = Support.Vectors.Named("rfc8417-fig2-backchannel-logout");
        var token = SpecTokens.Sign(SpecTokens.Header(SecurityEventProfile.BackChannelLogout), vector.Data.GetRawText());

        var result = await Some.Handler(SpecTokens.ClockFor(vector.Data))
            .ValidateTokenAsync(token, SpecTokens.ParametersFor(vector.Data, SecurityEventProfile.BackChannelLogout));

        result.Error!.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
        result.Error.Description.Should().Contain("'exp'");
    }

    [Test]
    public async Task ValidateTokenAsync_SsfExampleWithIssuedAtFarInFuture_AcceptedWithoutMaximumAge()
    {
        // SSF 1.0 figure 13 prints iat 15203800012 (year 2451); RFC 8417 leaves freshness to the profile.
        var vector = Support.Vectors.Named("ssf-fig13-set-proprietary-subject");
        var token = SpecTokens.Sign(SpecTokens.Header(SecurityEventProfile.SharedSignals), vector.Data.GetRawText());
        var parameters = SpecTokens.ParametersFor(vector.Data, SecurityEventProfile.SharedSignals);
        var handler = Some.Handler();

        (await handler.ValidateTokenAsync(token, parameters)).IsValid.Should().BeTrue();
        parameters.MaximumTokenAge = TimeSpan.FromDays(1);
        (await handler.ValidateTokenAsync(token, parameters)).Error!.Description.Should().Contain("future");
    }

    // RFC 7519 §4.1.3: a single audience may be a string or a one-element array; both mean the same.
    private static JsonElement AudienceAsArray(JsonElement payload)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(payload.GetRawText())!.AsObject();
        if (node["aud"] is System.Text.Json.Nodes.JsonValue single)
        {
            node["aud"] = new System.Text.Json.Nodes.JsonArray(single.GetValue<string>());
        }

        return JsonElement.Parse(node.ToJsonString());
    }
}
