using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Vectors;

/// <summary>Signs a vector's claims exactly as printed (ES256), so that invalid examples reach the validator too.</summary>
internal static class SpecTokens
{
    public static string Sign(string headerJson, string payloadJson, SecurityKey? key = null, string algorithm = "ES256")
    {
        key ??= Some.EcKey;
        var input = Encode(headerJson) + "." + Encode(payloadJson);
        if (algorithm == "none")
        {
            return input + ".";
        }

        var provider = CryptoProviderFactory.Default.CreateForSigning(key, algorithm);
        try
        {
            return input + "." + Base64Url.EncodeToString(provider.Sign(Encoding.ASCII.GetBytes(input)));
        }
        finally
        {
            CryptoProviderFactory.Default.ReleaseSignatureProvider(provider);
        }
    }

    public static string Header(SecurityEventProfile profile) => profile switch
    {
        SecurityEventProfile.BackChannelLogout => """{"alg":"ES256","kid":"ec-1","typ":"logout+jwt"}""",
        _ => """{"alg":"ES256","kid":"ec-1","typ":"secevent+jwt"}""",
    };

    /// <summary>The profile a vector's specification defines.</summary>
    public static SecurityEventProfile ProfileOf(TestVector vector) => vector.Name switch
    {
        var n when n.StartsWith("rfc8417-", StringComparison.Ordinal) || n.StartsWith("rfc9493-", StringComparison.Ordinal) => SecurityEventProfile.Rfc8417,
        var n when n.StartsWith("oidc-bcl-", StringComparison.Ordinal) => SecurityEventProfile.BackChannelLogout,
        _ => SecurityEventProfile.SharedSignals, // ssf-, caep-, risc-, scim-events-, oauth-events-
    };

    /// <summary>Parameters that accept the vector's issuer and first audience, with the vector's clock.</summary>
    public static SecurityEventTokenValidationParameters ParametersFor(JsonElement payload, SecurityEventProfile profile)
    {
        var parameters = new SecurityEventTokenValidationParameters
        {
            Profile = profile,
            SigningKeys = [Some.PublicOf(Some.EcKey)],
            ValidateIssuer = false,
            ValidateAudience = false,
        };

        if (payload.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String)
        {
            parameters.ValidateIssuer = true;
            parameters.ValidIssuers = [iss.GetString()!];
        }

        if (payload.TryGetProperty("aud", out var aud))
        {
            var first = aud.ValueKind == JsonValueKind.Array ? aud[0] : aud;
            parameters.ValidateAudience = true;
            parameters.ValidAudiences = [first.GetString()!];
        }

        return parameters;
    }

    /// <summary>A clock one second after the vector's <c>iat</c> (its <c>exp</c>, where present, is later).</summary>
    public static ManualTimeProvider ClockFor(JsonElement payload) =>
        new(payload.TryGetProperty("iat", out var iat) && iat.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(iat.GetInt64(), 253402300000) ).AddSeconds(1)
            : Some.Now);

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
