using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens;

namespace SecEvent.Cli.Keys;

/// <summary>
/// Reads the keys of encrypted SETs (RFC 7519 §5.2): the recipient's public key to encrypt to, and the recipient's
/// private key to decrypt with. An encryption key names its JWE algorithm in <c>alg</c> and is not marked for signing.
/// </summary>
internal static class EncryptionKeyFiles
{
    private static readonly string Hint =
        $"an encryption key has an 'alg' of {string.Join(", ", CliOptions.KeyManagementAlgorithms)} and 'use' 'enc' (make one with 'secevent keygen --alg RSA-OAEP-256')";

    /// <summary>
    /// Reads the recipient's public key: a JWK, or a JWK Set (as written by <c>secevent keygen --jwks</c>, or a
    /// receiver's published set) holding exactly one encryption key; signing keys beside it are passed over.
    /// </summary>
    /// <exception cref="CliUsageException">The file cannot be read or holds no single encryption key.</exception>
    public static async Task<JsonWebKey> ReadRecipientKeyAsync(string path, CancellationToken cancellationToken)
    {
        var text = await CliInput.ReadFileAsync(path, "key file", cancellationToken);
        JsonWebKey recipient;
        if (!IsKeySet(text))
        {
            recipient = KeyFiles.Parse(path, "JWK", text, static json => new JsonWebKey(json));
            if (Problem(recipient) is { } problem)
            {
                throw new CliUsageException($"the key in '{path}' is not an encryption key: {problem}; {Hint}.");
            }
        }
        else
        {
            var set = KeyFiles.Parse(path, "JWKS", text, static json => new JsonWebKeySet(json));
            var usable = set.Keys.Where(key => Problem(key) is null).ToList();
            recipient = usable.Count switch
            {
                1 => usable[0],
                0 => throw new CliUsageException($"the JWKS in '{path}' holds no encryption key; {Hint}."),
                _ => throw new CliUsageException($"the JWKS in '{path}' holds {usable.Count} encryption keys; pass a file with the one to encrypt to."),
            };
        }

        return IsPointOffItsCurve(recipient)
            ? throw new CliUsageException($"the key in '{path}' is not a valid {recipient.Crv} public key: its x and y are not a point on the curve.")
            : recipient;
    }

    /// <summary>Reads the receiver's private decryption key, as written by <c>secevent keygen --out</c>.</summary>
    /// <exception cref="CliUsageException">The file cannot be read or holds no private encryption key.</exception>
    public static async Task<JsonWebKey> ReadDecryptionKeyAsync(string path, CancellationToken cancellationToken)
    {
        var text = await CliInput.ReadFileAsync(path, "key file", cancellationToken);
        if (IsKeySet(text))
        {
            throw new CliUsageException($"'{path}' is a JWK Set of public keys; decrypting needs the private JWK written by 'secevent keygen --out'.");
        }

        var key = KeyFiles.Parse(path, "JWK", text, static json => new JsonWebKey(json));
        if (Problem(key) is { } problem)
        {
            throw new CliUsageException($"the key in '{path}' is not an encryption key: {problem}; {Hint}.");
        }

        return KeyFiles.HasPrivatePart(key)
            ? key
            : throw new CliUsageException($"the key in '{path}' holds no private key; decrypting needs the file written by 'secevent keygen --out'.");
    }

    /// <summary>Why a JWK cannot be an encryption key for this tool, or <see langword="null"/> when it can.</summary>
    private static string? Problem(JsonWebKey key)
    {
        if (!CliOptions.IsKeyManagementAlgorithm(key.Alg))
        {
            return string.IsNullOrEmpty(key.Alg) ? "it has no 'alg'" : $"its 'alg' is '{key.Alg}'";
        }

        // RFC 7517 §4.2: a key marked for signatures is never used to encrypt, even when its type would fit.
        if (!string.IsNullOrEmpty(key.Use) && key.Use != JsonWebKeyUseNames.Enc)
        {
            return $"its 'use' is '{key.Use}'";
        }

        var kty = key.Alg == SecurityEventEncryptionAlgorithms.EcdhEsA256KW ? JsonWebAlgorithmsKeyTypes.EllipticCurve : JsonWebAlgorithmsKeyTypes.RSA;
        return key.Kty == kty ? null : $"{key.Alg} needs a key of type '{kty}', not '{key.Kty}'";
    }

    /// <summary>
    /// Whether an EC key on a named curve has coordinates that are not a point on it (RFC 7518 §6.2.1.2, §6.2.1.3):
    /// such a file is a bad argument, like a file that is not JSON. An unknown curve is left for the library to refuse.
    /// </summary>
    private static bool IsPointOffItsCurve(JsonWebKey key)
    {
        var curve = key.Crv switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            "P-521" => ECCurve.NamedCurves.nistP521,
            _ => (ECCurve?)null,
        };
        if (key.Kty != JsonWebAlgorithmsKeyTypes.EllipticCurve || curve is null)
        {
            return false;
        }

        try
        {
            // Importing a public key checks the coordinates' length and that the point lies on the curve.
            using var ecdh = ECDiffieHellman.Create(new ECParameters
            {
                Curve = curve.Value,
                Q = new ECPoint { X = Base64Url.DecodeFromChars(key.X ?? ""), Y = Base64Url.DecodeFromChars(key.Y ?? "") },
            });
            return false;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            return true;
        }
    }

    /// <summary>A JWK Set is the object with a <c>keys</c> member (RFC 7517 §5); anything else is read as one JWK.</summary>
    private static bool IsKeySet(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("keys", out _);
        }
        catch (JsonException)
        {
            return false; // Reported by the strict parse that follows.
        }
    }
}
