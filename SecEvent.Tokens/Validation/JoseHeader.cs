using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SecEvent.Tokens.Validation;

/// <summary>The JOSE header parameters validation acts on (RFC 7515 §4.1), read once.</summary>
internal sealed class JoseHeader
{
    private JoseHeader(string algorithm, string? type, bool hasType, string? keyId)
    {
        Algorithm = algorithm;
        Type = type;
        HasType = hasType;
        KeyId = keyId;
    }

    public string Algorithm { get; }

    public string? Type { get; }

    public bool HasType { get; }

    public string? KeyId { get; }

    public static bool TryRead(JsonElement header, [NotNullWhen(true)] out JoseHeader? result, [NotNullWhen(false)] out SecurityEventError? error)
    {
        result = null;
        string? alg = null, typ = null, kid = null;
        var hasType = false;
        foreach (var parameter in header.EnumerateObject())
        {
            switch (parameter.Name)
            {
                case "alg":
                    alg = parameter.Value.ValueKind == JsonValueKind.String ? parameter.Value.GetString() : null;
                    break;
                case "typ":
                    hasType = true;
                    typ = parameter.Value.ValueKind == JsonValueKind.String ? parameter.Value.GetString() : null;
                    break;
                case "kid":
                    if (parameter.Value.ValueKind != JsonValueKind.String)
                    {
                        error = SecurityEventError.Request("The 'kid' header parameter must be a string (RFC 7515 §4.1.4).");
                        return false;
                    }

                    kid = parameter.Value.GetString();
                    break;
                case "crit":
                    // RFC 7515 §4.1.11: extensions listed as critical must be understood; this validator implements none.
                    error = SecurityEventError.Request("The token marks header extensions as critical ('crit'); none are supported (RFC 7515 §4.1.11).");
                    return false;
                case "b64":
                    error = SecurityEventError.Request("The unencoded-payload option ('b64', RFC 7797) is not supported.");
                    return false;
                case "zip":
                    error = SecurityEventError.Request("Compressed tokens ('zip') are not accepted (RFC 7516 §4.1.3 defines it for JWE only; RFC 8725 §3.6).");
                    return false;
                case "enc":
                    error = SecurityEventError.Request("A JWS header must not carry the JWE parameter 'enc' (RFC 7516 §4.1.2).");
                    return false;
                case "cty" when IsNestedJwt(parameter.Value):
                    error = SecurityEventError.Request("Nested JWTs ('cty: JWT') are not accepted as SETs (RFC 7519 §5.2).");
                    return false;

                // jwk, jku, x5u, x5c, x5t: never used to find or trust a key; keys come from the caller only.
            }
        }

        if (string.IsNullOrEmpty(alg))
        {
            error = SecurityEventError.Request("The 'alg' header parameter is required and must be a string (RFC 7515 §4.1.1).");
            return false;
        }

        result = new JoseHeader(alg, typ, hasType, kid);
        error = null;
        return true;
    }

    private static bool IsNestedJwt(JsonElement cty) =>
        cty.ValueKind == JsonValueKind.String
        && (cty.ValueEquals("JWT") || string.Equals(cty.GetString(), "JWT", StringComparison.OrdinalIgnoreCase)
            || string.Equals(cty.GetString(), "application/jwt", StringComparison.OrdinalIgnoreCase));
}
