using System.Diagnostics;
using System.Reflection;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Cli;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary>The CLI's example payload and the <c>samples/try-cli.sh</c> walkthrough.</summary>
public class CliSamplesTests
{
    private static string Example => PublicApiListing.PathInRepository("samples/SecEvent.Cli/examples/ssf-verification.json");

    [Test]
    public async Task Example_SsfVerification_IsASignableSharedSignalsPayload()
    {
        using var folder = new TempFolder();
        await CliRun.RunAsync("keygen", "--alg", "ES256", "--out", folder.File("k.jwk"), "--jwks", folder.File("k.jwks"));
        var token = (await CliRun.RunAsync("sign", "--key", folder.File("k.jwk"), "--profile", "ssf", "--in", Example)).Line;

        var result = await CliRun.WithStdinAsync(token,
            "verify", "--jwks", folder.File("k.jwks"), "--profile", "ssf", "--iss", "https://tr.example.com", "--aud", "https://rp.example.com");

        result.ExitCode.Should().Be(0, result.Stdout);
        var e = result.Json.GetProperty("events")[0];
        e.GetProperty("type").GetString().Should().Be(SecurityEventTypes.SsfVerification);
        e.GetProperty("model").GetString().Should().Be(nameof(SsfVerificationEvent));
        result.Json.GetProperty("payload").GetProperty("events").GetProperty(SecurityEventTypes.SsfVerification).GetProperty("state").GetString().Should().NotBeNullOrEmpty();
    }

    /// <summary>
    /// Runs the walkthrough as a user would, against the tool this test project was built with (the script's
    /// build step is skipped: the build already happened). About six process starts of <c>dotnet run</c>.
    /// </summary>
    [Test]
    [CancelAfter(180_000)]
    public async Task TryCliScript_EveryStep_BehavesAsExpected(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/bash"))
        {
            Assert.Ignore("The walkthrough is a bash script.");
        }

        var start = new ProcessStartInfo("/bin/bash", [PublicApiListing.PathInRepository("samples/try-cli.sh")])
        {
            WorkingDirectory = PublicApiListing.PathInRepository("."),
        };
        start.Environment["SECEVENT_CLI_NO_BUILD"] = "1";
        start.Environment["CONFIGURATION"] = typeof(SecEventCli).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        PrepareDotnetEnvironment(start.Environment);

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(start, cancellationToken);

        var output = stdout + stderr;
        exitCode.Should().Be(0, output);
        output.Should().Contain("every step behaved as expected").And.Contain("ok: refusal (exit 1)");
    }

    /// <summary>
    /// The test host inherits MSBuild's variables from <c>dotnet test</c>; a nested <c>dotnet run</c> must not
    /// evaluate the project with them. The host's own <c>dotnet</c> goes first on PATH.
    /// </summary>
    private static void PrepareDotnetEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            environment.Remove(name);
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && Path.GetDirectoryName(host) is { } folder)
        {
            environment["PATH"] = folder + Path.PathSeparator + environment["PATH"];
        }
    }
}
