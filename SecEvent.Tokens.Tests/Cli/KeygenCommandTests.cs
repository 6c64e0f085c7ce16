using System.Buffers.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;

namespace SecEvent.Tokens.Tests.Cli;

public class KeygenCommandTests
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi"];

    [TestCaseSource(typeof(CliKeyRing), nameof(CliKeyRing.Algorithms))]
    public async Task Keygen_EveryAlgorithm_WritesPrivateJwkAndPublicJwks(string algorithm)
    {
        using var folder = new TempFolder();
        var result = await CliRun.RunAsync("keygen", "--alg", algorithm, "--out", folder.File("k.jwk"), "--jwks", folder.File("k.jwks"));

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty();
        var privateKey = JsonElement.Parse(File.ReadAllText(folder.File("k.jwk")));
        privateKey.GetProperty("alg").GetString().Should().Be(algorithm);
        privateKey.GetProperty("use").GetString().Should().Be("sig");
        privateKey.GetProperty("kid").GetString().Should().NotBeNullOrEmpty();
        privateKey.TryGetProperty(algorithm.StartsWith("HS", StringComparison.Ordinal) ? "k" : "d", out _).Should().BeTrue();

        var keys = JsonElement.Parse(File.ReadAllText(folder.File("k.jwks"))).GetProperty("keys");
        keys.GetArrayLength().Should().Be(1);
        var publicKey = keys[0];
        publicKey.GetProperty("kid").GetString().Should().Be(privateKey.GetProperty("kid").GetString());
        publicKey.GetProperty("alg").GetString().Should().Be(algorithm);
        publicKey.GetProperty("kty").GetString().Should().Be(privateKey.GetProperty("kty").GetString());
        publicKey.EnumerateObject().Select(m => m.Name).Should().NotContain(PrivateMembers);
    }

    [TestCaseSource(typeof(CliKeyRing), nameof(CliKeyRing.Algorithms))]
    public async Task Keygen_WithoutKid_KidIsTheRfc7638Thumbprint(string algorithm)
    {
        using var folder = new TempFolder();
        var result = await CliRun.RunAsync("keygen", "--alg", algorithm, "--out", folder.File("k.jwk"));

        result.ExitCode.Should().Be(0, result.Stderr);
        var jwk = new JsonWebKey(File.ReadAllText(folder.File("k.jwk")));
        jwk.Kid.Should().Be(Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()));
        result.Json.GetProperty("kid").GetString().Should().Be(jwk.Kid);
    }

    [Test]
    public async Task Keygen_WithKid_UsesIt()
    {
        using var folder = new TempFolder();
        var result = await CliRun.RunAsync("keygen", "--alg", "ES256", "--kid", "2026-01", "--out", folder.File("k.jwk"), "--jwks", folder.File("k.jwks"));

        result.ExitCode.Should().Be(0);
        new JsonWebKey(File.ReadAllText(folder.File("k.jwk"))).Kid.Should().Be("2026-01");
        new JsonWebKeySet(File.ReadAllText(folder.File("k.jwks"))).Keys.Single().Kid.Should().Be("2026-01");
    }

    [TestCase("HS256", 32)]
    [TestCase("HS384", 48)]
    [TestCase("HS512", 64)]
    public async Task Keygen_Hmac_KeyIsAsLongAsTheHash(string algorithm, int bytes)
    {
        using var folder = new TempFolder();
        await CliRun.RunAsync("keygen", "--alg", algorithm, "--out", folder.File("k.jwk"), "--jwks", folder.File("k.jwks"));

        var jwk = new JsonWebKey(File.ReadAllText(folder.File("k.jwk")));
        jwk.Kty.Should().Be("oct");
        Base64Url.DecodeFromChars(jwk.K).Should().HaveCount(bytes);
        new JsonWebKeySet(File.ReadAllText(folder.File("k.jwks"))).Keys.Single().K.Should().Be(jwk.K, "a verifier needs the shared secret");
    }

    [TestCase(null, 256)]
    [TestCase("3072", 384)]
    public async Task Keygen_Rsa_ModulusHasTheRequestedSize(string? size, int modulusBytes)
    {
        using var folder = new TempFolder();
        string[] args = ["keygen", "--alg", "PS256", "--out", folder.File("k.jwk")];
        var result = await CliRun.RunAsync(size is null ? args : [.. args, "--size", size]);

        result.ExitCode.Should().Be(0, result.Stderr);
        Base64Url.DecodeFromChars(new JsonWebKey(File.ReadAllText(folder.File("k.jwk"))).N).Should().HaveCount(modulusBytes);
    }

    [TestCase("RSA-OAEP-256", "RSA", null)]
    [TestCase("RSA-OAEP", "RSA", null)]
    [TestCase("ECDH-ES+A256KW", "EC", "P-256")]
    public async Task Keygen_EncryptionAlgorithm_WritesEncryptionKeyPair(string algorithm, string kty, string? curve)
    {
        using var folder = new TempFolder();
        var result = await CliRun.RunAsync("keygen", "--alg", algorithm, "--out", folder.File("k.jwk"), "--jwks", folder.File("k.jwks"));

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Json.GetProperty("alg").GetString().Should().Be(algorithm);
        var privateKey = new JsonWebKey(File.ReadAllText(folder.File("k.jwk")));
        privateKey.Kty.Should().Be(kty);
        privateKey.Alg.Should().Be(algorithm);
        privateKey.Use.Should().Be("enc");
        privateKey.Crv.Should().Be(curve);
        privateKey.D.Should().NotBeNullOrEmpty();
        privateKey.Kid.Should().Be(Base64UrlEncoder.Encode(privateKey.ComputeJwkThumbprint()));
        if (kty == "RSA")
        {
            Base64Url.DecodeFromChars(privateKey.N).Should().HaveCount(256, "RSA keys have 2048 bits unless --size says more");
        }

        var keys = JsonElement.Parse(File.ReadAllText(folder.File("k.jwks"))).GetProperty("keys");
        keys.GetArrayLength().Should().Be(1);
        var publicKey = keys[0];
        publicKey.GetProperty("use").GetString().Should().Be("enc");
        publicKey.GetProperty("alg").GetString().Should().Be(algorithm);
        publicKey.GetProperty("kid").GetString().Should().Be(privateKey.Kid);
        publicKey.EnumerateObject().Select(m => m.Name).Should().NotContain(PrivateMembers);
    }

    [TestCase(null, "P-256", 32)]
    [TestCase("P-256", "P-256", 32)]
    [TestCase("P-384", "P-384", 48)]
    public async Task Keygen_EcdhWithCrv_MakesTheKeyOnThatCurve(string? crv, string expected, int coordinateBytes)
    {
        using var folder = new TempFolder();
        string[] args = ["keygen", "--alg", "ECDH-ES+A256KW", "--out", folder.File("k.jwk")];

        var result = await CliRun.RunAsync(crv is null ? args : [.. args, "--crv", crv]);

        result.ExitCode.Should().Be(0, result.Stderr);
        var jwk = new JsonWebKey(File.ReadAllText(folder.File("k.jwk")));
        jwk.Crv.Should().Be(expected);
        Base64Url.DecodeFromChars(jwk.X).Should().HaveCount(coordinateBytes);
        Base64Url.DecodeFromChars(jwk.D).Should().HaveCount(coordinateBytes);
    }

    [TestCase("ES256", "P-256", "--crv")]
    [TestCase("RSA-OAEP-256", "P-256", "--crv")]
    [TestCase("ECDH-ES+A256KW", "P-521", "P-521")]
    [TestCase("ECDH-ES+A256KW", "p-256", "p-256")]
    [TestCase("ECDH-ES+A256KW", "secp256r1", "secp256r1")]
    public async Task Keygen_BadCrv_IsAUsageError(string algorithm, string curve, string reason)
    {
        using var folder = new TempFolder();
        var result = await CliRun.RunAsync("keygen", "--alg", algorithm, "--crv", curve, "--out", folder.File("k.jwk"));

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain(reason);
        File.Exists(folder.File("k.jwk")).Should().BeFalse();
    }

    [Test]
    public async Task Keygen_RsaOaepWithSize_ModulusHasTheRequestedSize()
    {
        using var folder = new TempFolder();
        var result = await CliRun.RunAsync("keygen", "--alg", "RSA-OAEP-256", "--size", "3072", "--out", folder.File("k.jwk"));

        result.ExitCode.Should().Be(0, result.Stderr);
        Base64Url.DecodeFromChars(new JsonWebKey(File.ReadAllText(folder.File("k.jwk"))).N).Should().HaveCount(384);
    }

    [TestCase("RS256", "1024")]
    [TestCase("RS256", "2047")]
    [TestCase("RS256", "16384")]
    [TestCase("ES256", "2048")]
    [TestCase("HS256", "4096")]
    [TestCase("ECDH-ES+A256KW", "2048")]
    [TestCase("RSA-OAEP", "1024")]
    [TestCase("RS256", "big")]
    public async Task Keygen_BadSize_IsAUsageError(string algorithm, string size)
    {
        using var folder = new TempFolder();
        var result = await CliRun.RunAsync("keygen", "--alg", algorithm, "--size", size, "--out", folder.File("k.jwk"));

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("--size");
        File.Exists(folder.File("k.jwk")).Should().BeFalse();
    }

    [Test]
    public async Task Keygen_Summary_CarriesNoKeyMaterial()
    {
        using var folder = new TempFolder();
        var result = await CliRun.RunAsync("keygen", "--alg", "HS256", "--out", folder.File("k.jwk"), "--jwks", folder.File("k.jwks"));

        result.MemberNames.Should().Equal("kid", "alg", "kty", "out", "jwks");
        var secret = new JsonWebKey(File.ReadAllText(folder.File("k.jwk"))).K;
        result.Stdout.Should().NotContain(secret);
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public async Task Keygen_PrivateKeyFile_IsOwnerOnly()
    {
        using var folder = new TempFolder();
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Unix file modes only.");
            return;
        }

        // A file that exists already with wider permissions is narrowed before the key is written into it.
        var existing = folder.Write("k.jwk", "old");
        File.SetUnixFileMode(existing, (UnixFileMode)0b110_100_100);

        await CliRun.RunAsync("keygen", "--alg", "ES256", "--out", existing, "--jwks", folder.File("k.jwks"));
        await CliRun.RunAsync("keygen", "--alg", "HS256", "--out", folder.File("h.jwk"), "--jwks", folder.File("h.jwks"));

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.GetUnixFileMode(existing).Should().Be(OwnerOnly);
        File.GetUnixFileMode(folder.File("h.jwk")).Should().Be(OwnerOnly);
        File.GetUnixFileMode(folder.File("h.jwks")).Should().Be(OwnerOnly, "an HS JWKS holds the shared secret");
        File.GetUnixFileMode(folder.File("k.jwks")).Should().HaveFlag(UnixFileMode.OtherRead, "a public key set is public");
    }

    [Test]
    public async Task Keygen_UnwritableOut_IsAUsageError()
    {
        using var folder = new TempFolder();
        var result = await CliRun.RunAsync("keygen", "--alg", "ES256", "--out", folder.File("missing/dir/k.jwk"));

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("cannot write");
    }

    [TestCase("--out")]
    [TestCase("--alg")]
    public async Task Keygen_MissingRequiredOption_IsAUsageError(string missing)
    {
        using var folder = new TempFolder();
        string[] args = missing == "--alg" ? ["keygen", "--out", folder.File("k.jwk")] : ["keygen", "--alg", "ES256"];

        var result = await CliRun.RunAsync(args);

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain(missing);
    }

    [Test]
    public async Task Keygen_EmptyKid_IsAUsageError()
    {
        using var folder = new TempFolder();

        var result = await CliRun.RunAsync("keygen", "--alg", "ES256", "--kid", "", "--out", folder.File("k.jwk"));

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("--kid");
    }

    [TestCase("FOO")]
    [TestCase("es256")]
    [TestCase("none")]
    [TestCase("dir")]
    [TestCase("RSA1_5")]
    [TestCase("ECDH-ES")]
    public async Task Keygen_UnknownAlgorithm_IsAUsageError(string algorithm)
    {
        using var folder = new TempFolder();
        var result = await CliRun.RunAsync("keygen", "--alg", algorithm, "--out", folder.File("k.jwk"));

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain(algorithm);
    }
}
