using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Tokens.Tests.Interop;

/// <summary>Writes .NET keys as plain JWK objects (RFC 7517, RFC 7518 §6) for another implementation to import.</summary>
internal static class Jwk
{
    public static Dictionary<string, string> From(SecurityKey key, string alg, bool includePrivate)
    {
        var jwk = new Dictionary<string, string> { ["alg"] = alg };
        if (!string.IsNullOrEmpty(key.KeyId))
        {
            jwk["kid"] = key.KeyId;
        }

        switch (key)
        {
            case SymmetricSecurityKey symmetric:
                jwk["kty"] = "oct";
                jwk["k"] = B64(symmetric.Key);
                break;
            case RsaSecurityKey rsa:
                var r = rsa.Rsa?.ExportParameters(includePrivate) ?? rsa.Parameters; // a key made from parameters has no RSA object
                (jwk["kty"], jwk["n"], jwk["e"]) = ("RSA", B64(r.Modulus!), B64(r.Exponent!));
                if (includePrivate)
                {
                    (jwk["d"], jwk["p"], jwk["q"], jwk["dp"], jwk["dq"], jwk["qi"]) =
                        (B64(r.D!), B64(r.P!), B64(r.Q!), B64(r.DP!), B64(r.DQ!), B64(r.InverseQ!));
                }

                break;
            case ECDsaSecurityKey ec:
                var e = ec.ECDsa.ExportParameters(includePrivate);
                (jwk["kty"], jwk["x"], jwk["y"]) = ("EC", B64(e.Q.X!), B64(e.Q.Y!));
                jwk["crv"] = ec.ECDsa.KeySize switch { 256 => "P-256", 384 => "P-384", _ => "P-521" };
                if (includePrivate)
                {
                    jwk["d"] = B64(e.D!);
                }

                break;
            default:
                throw new ArgumentException($"Unsupported key {key.GetType().Name}.", nameof(key));
        }

        return jwk;
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
