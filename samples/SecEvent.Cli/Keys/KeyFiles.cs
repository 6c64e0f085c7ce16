using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Cli.Keys;

/// <summary>Reads and writes JWK and JWKS files.</summary>
internal static class KeyFiles
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>Writes a JSON file; <paramref name="secret"/> files are readable by their owner only.</summary>
    /// <exception cref="CliUsageException">The file cannot be written.</exception>
    public static async Task WriteAsync(string path, Action<Utf8JsonWriter> write, bool secret, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        buffer.Write("\n"u8);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (secret && !OperatingSystem.IsWindows())
        {
            // A new file is created 0600, so the secret is never readable by others, not even for a moment.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using var stream = new FileStream(path, options);
            if (secret && !OperatingSystem.IsWindows())
            {
                // UnixCreateMode applies only to new files: narrow an existing one before the secret goes in.
                File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        }
        catch (Exception ex) when (CliInput.IsFileProblem(ex))
        {
            throw new CliUsageException($"cannot write '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Reads a private JWK that can sign: a supported <c>alg</c> and the private key material.</summary>
    /// <exception cref="CliUsageException">The file cannot be read or holds no usable signing key.</exception>
    public static async Task<JsonWebKey> ReadSigningKeyAsync(string path, CancellationToken cancellationToken)
    {
        var text = await CliInput.ReadFileAsync(path, "key file", cancellationToken);
        var key = Parse(path, "JWK", text, static json => new JsonWebKey(json));
        if (string.IsNullOrEmpty(key.Alg) || !CliOptions.IsAlgorithm(key.Alg))
        {
            throw new CliUsageException($"the key in '{path}' needs an 'alg' member naming one of {string.Join(", ", CliOptions.Algorithms)}.");
        }

        if (!HasPrivatePart(key))
        {
            throw new CliUsageException($"the key in '{path}' holds no private key; sign needs the file written by 'secevent keygen --out'.");
        }

        return key;
    }

    /// <summary>Reads a JWK Set (RFC 7517 §5) of verification keys.</summary>
    /// <exception cref="CliUsageException">The file cannot be read, is not a JWKS or holds no keys.</exception>
    public static async Task<JsonWebKeySet> ReadKeySetAsync(string path, CancellationToken cancellationToken)
    {
        var text = await CliInput.ReadFileAsync(path, "JWKS file", cancellationToken);
        var set = Parse(path, "JWKS", text, static json => new JsonWebKeySet(json));
        return set.Keys.Count > 0
            ? set
            : throw new CliUsageException($"the JWKS in '{path}' holds no usable key; it must look like {{\"keys\":[…]}}.");
    }

    /// <summary>Parses a JWK or JWKS strictly (unique member names), turning every problem into a usage error.</summary>
    internal static T Parse<T>(string path, string what, string text, Func<string, T> create)
    {
        // Microsoft.IdentityModel's reader lets a repeated member win silently; refuse the file instead.
        if (!StrictJson.TryParseObject(text, what, out _, out var error))
        {
            throw new CliUsageException($"'{path}': {error}");
        }

        try
        {
            return create(text);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException($"'{path}' is not a valid {what}: {ex.Message}", ex);
        }
    }

    /// <summary>Whether the key holds its private part (<c>d</c>) or, for a symmetric key, its secret.</summary>
    internal static bool HasPrivatePart(JsonWebKey key) => key.Kty switch
    {
        JsonWebAlgorithmsKeyTypes.Octet => !string.IsNullOrEmpty(key.K),
        JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve => !string.IsNullOrEmpty(key.D),
        _ => false,
    };
}
