using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Transmitter;

/// <summary>The public half of a P-256 signing key as a JWK Set (RFC 7517 §5), for recipients to verify SETs with.</summary>
internal static class PublicJwks
{
    /// <summary>Only the public point leaves: never the private parameter <c>d</c>.</summary>
    public static string Serialize(SecurityKey key)
    {
        var ecdsa = ((ECDsaSecurityKey)key).ECDsa.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new
                {
                    kty = "EC",
                    crv = "P-256",
                    kid = key.KeyId,
                    use = "sig",
                    alg = SecurityAlgorithms.EcdsaSha256,
                    x = Base64UrlEncoder.Encode(ecdsa.Q.X),
                    y = Base64UrlEncoder.Encode(ecdsa.Q.Y),
                },
            },
        });
    }
}
