using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SecEvent.Tokens.Jose;

namespace SecEvent.Tokens.Validation;

/// <summary>
/// The JOSE header parameters validation acts on (RFC 7515 §4.1), read in one <see cref="Utf8JsonReader"/> pass.
/// The header's JSON is kept as bytes and becomes a <see cref="JsonElement"/> only if someone asks for it.
/// </summary>
internal sealed class JoseHeader
{
    private const string What = "JOSE header";

    private JoseHeader(byte[] utf8, string algorithm, string? type, bool hasType, string? keyId)
    {
        Utf8 = utf8;
        Algorithm = algorithm;
        Type = type;
        HasType = hasType;
        KeyId = keyId;
    }

    /// <summary>The decoded header, exactly as received.</summary>
    public byte[] Utf8 { get; }

    public string Algorithm { get; }

    public string? Type { get; }

    public bool HasType { get; }

    public string? KeyId { get; }

    public static bool TryRead(ReadOnlySpan<byte> utf8, int maxDepth, [NotNullWhen(true)] out JoseHeader? result, [NotNullWhen(false)] out SecurityEventError? error)
    {
        result = null;
        if (!StrictJson.IsValidText(utf8, maxDepth, What, out var problem))
        {
            error = SecurityEventError.Request(problem!);
            return false;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            return TryRead(ref reader, utf8, maxDepth, out result, out error);
        }
        catch (JsonException ex)
        {
            error = SecurityEventError.Request(StrictJson.Describe(ex, What, maxDepth));
            return false;
        }
    }

    private static bool TryRead(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, int maxDepth, out JoseHeader? result, out SecurityEventError? error)
    {
        result = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = SecurityEventError.Request($"The {What} is not a JSON object.");
            return false;
        }

        string? alg = null, typ = null, kid = null;
        var hasType = false;
        var names = new UniqueNames();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!names.Add(name))
            {
                error = SecurityEventError.Request($"The {What} repeats a member name (RFC 7515 §4).");
                return false;
            }

            reader.Read();
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            switch (name)
            {
                case "alg":
                    alg = text;
                    break;
                case "typ":
                    (hasType, typ) = (true, text);
                    break;
                case "kid" when text is null:
                    error = SecurityEventError.Request("The 'kid' header parameter must be a string (RFC 7515 §4.1.4).");
                    return false;
                case "kid":
                    kid = text;
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
                case "cty" when IsNestedJwt(text):
                    error = SecurityEventError.Request("Nested JWTs ('cty: JWT') are not accepted as SETs (RFC 7519 §5.2).");
                    return false;

                // jwk, jku, x5u, x5c, x5t: never used to find or trust a key; keys come from the caller only.
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !IsStrict(ref reader, utf8, maxDepth, out error))
            {
                return false;
            }
        }

        // The loop ends on the closing brace; anything after it is refused by the reader.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            error = SecurityEventError.Request($"The {What} is not a single JSON object.");
            return false;
        }

        if (string.IsNullOrEmpty(alg))
        {
            error = SecurityEventError.Request("The 'alg' header parameter is required and must be a string (RFC 7515 §4.1.1).");
            return false;
        }

        result = new JoseHeader(utf8.ToArray(), alg, typ, hasType, kid);
        error = null;
        return true;
    }

    // Nested values (a jwk, x5c) must have unique member names too: the reader does not check that.
    private static bool IsStrict(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, int maxDepth, out SecurityEventError? error)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var value = utf8[start..(int)reader.BytesConsumed];
        error = StrictJson.IsValid(value, maxDepth - 1, What, out var problem) ? null : SecurityEventError.Request(problem!);
        return error is null;
    }

    private static bool IsNestedJwt(string? cty) =>
        string.Equals(cty, "JWT", StringComparison.OrdinalIgnoreCase)
        || string.Equals(cty, "application/jwt", StringComparison.OrdinalIgnoreCase);
}
