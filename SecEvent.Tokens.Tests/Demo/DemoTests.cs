using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Cli;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Demo;

/// <summary>
/// <c>samples/SecEvent.Demo</c>, README command one, run as a process the way a newcomer runs it: its JSON lines, its
/// expectations and its exit code.
/// </summary>
public class DemoTests
{
    /// <summary>The demo as this test project's build left it (it is a build-only project reference).</summary>
    private static string DemoAssembly => PublicApiListing.PathInRepository(
        $"samples/SecEvent.Demo/bin/{typeof(DemoTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug"}/net10.0/SecEvent.Demo.dll");

    [Test]
    [CancelAfter(180_000)]
    public async Task Demo_JsonRun_EveryExpectationHeldAndExitsZero(CancellationToken cancellationToken)
    {
        using var data = new TempFolder();

        var (exitCode, stdout, stderr) = await RunAsync(cancellationToken, "--json", "--data", data.Path);

        exitCode.Should().Be(0, stdout + stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var expectations = lines.Where(l => l.GetProperty("type").GetString() == "expectation").ToList();
        expectations.Should().HaveCountGreaterThanOrEqualTo(15);
        expectations.Should().OnlyContain(e => e.GetProperty("held").GetBoolean(), stdout);
        expectations.Select(e => e.GetProperty("name").GetString()).Should().Contain([
            "push stream: every SET arrived exactly once, none lost",
            "poll stream: every SET arrived exactly once, none lost",
            "the Back-Channel Logout token is accepted and validated by the relying party (BCL-07)",
            "on resume, announced by a stream-updated event, the held events arrive in the order they were published",
        ]);
        lines[^1].GetProperty("type").GetString().Should().Be("summary");
        lines[^1].GetProperty("failed").GetInt32().Should().Be(0);
        lines.Should().Contain(l => l.GetProperty("type").GetString() == "step" && l.GetProperty("where").GetString() == "dispatcher",
            "the outage's retries are on the timeline");
        Directory.GetFiles(data.Path, "*.db").Should().HaveCount(3, "--data keeps the transmitter's SQLite files");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Demo_UnknownArgument_ExitsTwoWithUsageOnStderrOnly(CancellationToken cancellationToken)
    {
        var (exitCode, stdout, stderr) = await RunAsync(cancellationToken, "--jsn");

        exitCode.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().Contain("Unknown argument '--jsn'").And.Contain("Usage:");
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(DemoAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return ChildProcess.RunAsync(start, cancellationToken);
    }
}
