using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Cli.Keys;

/// <summary>
/// Writes JWKs (RFC 7517) with a fixed member order, and only the members this tool produces: a JWK file
/// never carries anything the user did not ask for, and the public form can be checked by eye.
/// </summary>
internal static class JwkJson
{
    /// <summary>Writes the key with its private members (<c>d</c>, <c>p</c>, <c>q</c>, … or <c>k</c>).</summary>
    public static void WritePrivate(Utf8JsonWriter json, JsonWebKey key) => Write(json, key, includePrivate: true);

    /// <summary>
    /// Writes the public key: <c>kty</c>, the public parameters, <c>kid</c>, <c>alg</c>, <c>use</c>. A symmetric key
    /// has no public half, so its <c>k</c> is written: the verifier needs the same secret.
    /// </summary>
    public static void WritePublic(Utf8JsonWriter json, JsonWebKey key) => Write(json, key, includePrivate: false);

    /// <summary>Writes a JWK Set (RFC 7517 §5) holding the public form of one key.</summary>
    public static void WritePublicSet(Utf8JsonWriter json, JsonWebKey key)
    {
        json.WriteStartObject();
        json.WriteStartArray("keys");
        WritePublic(json, key);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, JsonWebKey key, bool includePrivate)
    {
        json.WriteStartObject();
        json.WriteString("kty", key.Kty);
        switch (key.Kty)
        {
            case JsonWebAlgorithmsKeyTypes.EllipticCurve:
                Member(json, "crv", key.Crv);
                Member(json, "x", key.X);
                Member(json, "y", key.Y);
                if (includePrivate)
                {
                    Member(json, "d", key.D);
                }

                break;
            case JsonWebAlgorithmsKeyTypes.RSA:
                Member(json, "n", key.N);
                Member(json, "e", key.E);
                if (includePrivate)
                {
                    Member(json, "d", key.D);
                    Member(json, "p", key.P);
                    Member(json, "q", key.Q);
                    Member(json, "dp", key.DP);
                    Member(json, "dq", key.DQ);
                    Member(json, "qi", key.QI);
                }

                break;
            default:
                Member(json, "k", key.K);
                break;
        }

        Member(json, "kid", key.Kid);
        Member(json, "alg", key.Alg);
        Member(json, "use", key.Use);
        json.WriteEndObject();
    }

    private static void Member(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }
}
