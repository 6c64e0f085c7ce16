using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using SecEvent.Tokens.Jose;

namespace SecEvent.Tokens.Encryption;

/// <summary>The JWE Protected Header parameters decryption acts on (RFC 7516 §4.1, RFC 7518 §4.6.1).</summary>
internal sealed class JweHeader
{
    private const string What = "JWE header";

    public required string Algorithm { get; init; }

    public required string Encryption { get; init; }

    public string? KeyId { get; init; }

    public string? ContentType { get; init; }

    /// <summary>A replicated <c>iss</c> claim (RFC 7519 §5.3), compared with the inner SET's.</summary>
    public string? Issuer { get; init; }

    public ECParameters? EphemeralKey { get; init; }

    public byte[] PartyUInfo { get; init; } = [];

    public byte[] PartyVInfo { get; init; } = [];

    /// <summary>The header as received, for <c>decode</c> and for callers that want it.</summary>
    public required JsonElement Json { get; init; }

    public static bool TryRead(ReadOnlySpan<byte> utf8, int maxDepth, [NotNullWhen(true)] out JweHeader? header, [NotNullWhen(false)] out SecurityEventError? error)
    {
        header = null;
        if (!StrictJson.TryParseObject(utf8, maxDepth, What, out var json, out var problem))
        {
            error = SecurityEventError.Request(problem!);
            return false;
        }

        string? alg = null, enc = null, kid = null, cty = null, iss = null;
        ECParameters? epk = null;
        byte[] apu = [], apv = [];
        foreach (var member in json.EnumerateObject())
        {
            var value = member.Value;
            problem = member.Name switch
            {
                "alg" => Text(value, "alg", out alg),
                "enc" => Text(value, "enc", out enc),
                "kid" => Text(value, "kid", out kid),
                "cty" => Text(value, "cty", out cty),
                "iss" => Text(value, "iss", out iss),
                "apu" => Octets(value, "apu", out apu),
                "apv" => Octets(value, "apv", out apv),
                "epk" => EphemeralKeyOf(value, out epk),
                "zip" => "Compressed JWEs ('zip') are not accepted (RFC 8725 §3.6).",
                "crit" => "The token marks header extensions as critical ('crit'); none are supported (RFC 7516 §4.1.13).",
                _ => null, // jwk, jku, x5u, x5c: never used to find or trust a key.
            };

            if (problem is not null)
            {
                error = SecurityEventError.Request(problem);
                return false;
            }
        }

        if (alg is null || enc is null)
        {
            error = SecurityEventError.Request("A JWE header needs the string parameters 'alg' and 'enc' (RFC 7516 §4.1.1, §4.1.2).");
            return false;
        }

        header = new JweHeader { Algorithm = alg, Encryption = enc, KeyId = kid, ContentType = cty, Issuer = iss, EphemeralKey = epk, PartyUInfo = apu, PartyVInfo = apv, Json = json };
        error = null;
        return true;
    }

    private static string? Text(JsonElement value, string name, out string? text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return string.IsNullOrEmpty(text) ? $"The '{name}' header parameter must be a non-empty string (RFC 7516 §4.1)." : null;
    }

    private static string? Octets(JsonElement value, string name, out byte[] octets)
    {
        octets = [];
        if (value.ValueKind != JsonValueKind.String || !CompactToken.TryDecodeToArray(value.GetString(), out var decoded))
        {
            return $"The '{name}' header parameter must be base64url (RFC 7518 §4.6.1).";
        }

        octets = decoded;
        return null;
    }

    // RFC 7518 §4.6.1.1: a public EC JWK; a private part or any other key type is refused.
    private static string? EphemeralKeyOf(JsonElement value, out ECParameters? epk)
    {
        epk = null;
        const string Problem = "The 'epk' header parameter must be a public EC key with 'crv' P-256, P-384 or P-521 and coordinates of its size (RFC 7518 §4.6.1.1).";
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("kty", out var kty) || kty.ValueKind != JsonValueKind.String || kty.GetString() != "EC"
            || value.TryGetProperty("d", out _)
            || !value.TryGetProperty("crv", out var crv) || crv.ValueKind != JsonValueKind.String || EncryptionKey.Curve(crv.GetString()) is not { } curve
            || !Coordinate(value, "x", crv.GetString()!, out var x) || !Coordinate(value, "y", crv.GetString()!, out var y))
        {
            return Problem;
        }

        epk = new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } };
        return null;
    }

    private static bool Coordinate(JsonElement key, string name, string curve, out byte[] coordinate)
    {
        coordinate = [];
        return key.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && CompactToken.TryDecodeToArray(value.GetString(), out coordinate) && coordinate.Length == EncryptionKey.CoordinateBytes(curve);
    }
}
