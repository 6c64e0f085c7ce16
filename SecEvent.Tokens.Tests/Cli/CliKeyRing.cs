using SecEvent.Cli;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary>
/// One key per signing and encryption algorithm, made by <c>secevent keygen</c> into a temp folder: generated once
/// per fixture, because RSA key generation is the slowest step of these tests.
/// </summary>
public sealed class CliKeyRing : IDisposable
{
    public static readonly string[] Algorithms =
    [
        "ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "HS256", "HS384", "HS512",
    ];

    /// <summary>The JWE key management algorithms <c>keygen</c> makes encryption keys for (ECDH-ES on P-256).</summary>
    public static readonly string[] EncryptionAlgorithms = ["RSA-OAEP-256", "RSA-OAEP", "ECDH-ES+A256KW"];

    private readonly TempFolder _folder = new();

    private CliKeyRing()
    {
    }

    /// <summary>Generates a key pair for every signing and encryption algorithm.</summary>
    public static async Task<CliKeyRing> CreateAsync()
    {
        var ring = new CliKeyRing();
        foreach (var algorithm in Algorithms.Concat(EncryptionAlgorithms))
        {
            var result = await CliRun.RunAsync("keygen", "--alg", algorithm, "--out", ring.PrivateKey(algorithm), "--jwks", ring.PublicKeys(algorithm));
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"keygen {algorithm} failed: {result.Stderr}");
            }
        }

        return ring;
    }

    /// <summary>The private JWK file for an algorithm.</summary>
    public string PrivateKey(string algorithm) => _folder.File($"{algorithm}.private.jwk");

    /// <summary>The public JWKS file for an algorithm.</summary>
    public string PublicKeys(string algorithm) => _folder.File($"{algorithm}.public.jwks");

    /// <summary>A path in the ring's folder for other files a test needs.</summary>
    public string File(string name) => _folder.File(name);

    public void Dispose() => _folder.Dispose();
}
