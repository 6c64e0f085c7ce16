using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Vectors;

/// <summary>The compact tokens and headers printed in RFC 8417, RFC 8935, RFC 8936 and SSF 1.0.</summary>
public class CompactVectorTests
{
    private static IEnumerable<TestVector> Compact() => Support.Vectors.OfKind("set-compact");

    private static string CompactOf(TestVector vector) => vector.Data.GetProperty("compact").GetString()!;

    private static JsonElement PayloadOf(TestVector vector) =>
        vector.Data.TryGetProperty("decoded_payload", out var decoded)
            ? decoded
            : JsonElement.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(CompactOf(vector).Split('.')[1]));

    [TestCaseSource(nameof(Compact))]
    public async Task ValidateTokenAsync_UnsecuredSpecExampleByDefault_RefusedSET12(TestVector vector)
    {
        var payload = PayloadOf(vector);
        var result = await Some.Handler(SpecTokens.ClockFor(payload))
            .ValidateTokenAsync(CompactOf(vector), SpecTokens.ParametersFor(payload, SecurityEventProfile.Rfc8417));

        result.Error!.Code.Should().Be(SecurityEventErrorCodes.InvalidKey);
        result.Error.Description.Should().Contain("none");
    }

    [TestCaseSource(nameof(Compact))]
    public async Task ValidateTokenAsync_UnsecuredSpecExampleWithOptIn_AcceptedUnderRfc8417(TestVector vector)
    {
        var payload = PayloadOf(vector);
        var parameters = SpecTokens.ParametersFor(payload, SecurityEventProfile.Rfc8417);
        parameters.AllowUnsecuredTokens = true;

        var result = await Some.Handler(SpecTokens.ClockFor(payload)).ValidateTokenAsync(CompactOf(vector), parameters);

        result.Error.Should().BeNull(vector.Notes);
        result.SigningKey.Should().BeNull();
        JsonElement.DeepEquals(result.Token!.Payload, payload).Should().BeTrue();
    }

    [Test]
    public async Task ValidateTokenAsync_Rfc8936UntypedExampleUnderSharedSignals_RefusedSSF08()
    {
        var vector = Support.Vectors.Named("rfc8936-fig6-set-4d3559ec");
        var payload = PayloadOf(vector);
        var parameters = SpecTokens.ParametersFor(payload, SecurityEventProfile.SharedSignals);
        parameters.AllowUnsecuredTokens = true;

        var result = await Some.Handler(SpecTokens.ClockFor(payload)).ValidateTokenAsync(CompactOf(vector), parameters);

        result.Error!.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
        result.Error.Description.Should().Contain("typ");
    }

    [Test]
    public async Task ValidateTokenAsync_Rfc8935PushExampleWithUnknownKey_ParsedThenRefusedWithInvalidKey()
    {
        // RFC 8935 figure 1 is HS256 with an unpublished key; its header even ends in a newline (legal JSON white space).
        var vector = Support.Vectors.Named("rfc8935-fig1-push-request");
        var body = vector.Data.GetProperty("body").GetString()!;
        var payload = vector.Data.GetProperty("decoded_payload");
        var parameters = SpecTokens.ParametersFor(payload, SecurityEventProfile.Rfc8417);
        parameters.SigningKeys = [Some.Symmetric(32, kid: "")];

        var result = await Some.Handler(SpecTokens.ClockFor(payload)).ValidateTokenAsync(body, parameters);

        result.Error!.Code.Should().Be(SecurityEventErrorCodes.InvalidKey);
        result.Error.Description.Should().Contain("signature does not verify");
    }

    [TestCase("rfc8417-fig6-unsecured-set-header")]
    [TestCase("ssf-fig6-set-header")]
    public async Task ValidateTokenAsync_SpecHeaderAsPrinted_AcceptedByBothSetProfilesSET09(string name)
    {
        var header = Support.Vectors.Named(name).Data;
        var algorithm = header.GetProperty("alg").GetString()!;
        var key = Some.Symmetric(32, kid: "");
        var payload = "{\"iss\":\"" + Some.Issuer + "\",\"iat\":1767225600,\"jti\":\"j-1\",\"aud\":\"" + Some.Audience
            + "\",\"sub_id\":{\"format\":\"opaque\",\"id\":\"s-1\"},\"events\":{\"https://example.com/e\":{}}}";
        var token = SpecTokens.Sign(header.GetRawText(), payload, key, algorithm);
        foreach (var profile in new[] { SecurityEventProfile.Rfc8417, SecurityEventProfile.SharedSignals })
        {
            var parameters = Some.Parameters("HS256");
            parameters.SigningKeys = [key];
            parameters.Profile = profile;
            parameters.AllowUnsecuredTokens = algorithm == "none";

            var result = await Some.Handler().ValidateTokenAsync(token, parameters);

            result.Error.Should().BeNull();
            result.Token!.Type.Should().Be("secevent+jwt");
        }
    }
}
