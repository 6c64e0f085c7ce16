using System.Diagnostics;

namespace SecEvent.Delivery.Tests.Packaging;

/// <summary>Runs the <c>dotnet</c> CLI (or a program it installed) as a child process, bounded in time.</summary>
public static class DotnetCommand
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>The exit code and the interleaved standard output and error of one run.</summary>
    public sealed record Outcome(int ExitCode, string Output);

    /// <summary>The folder holding the <c>dotnet</c> host that runs these tests.</summary>
    public static string DotnetRoot =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host
            ? Path.GetDirectoryName(host)!
            : Path.GetDirectoryName(new FileInfo("/usr/bin/dotnet").ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? "/usr/share/dotnet/dotnet")!;

    /// <summary>Runs <paramref name="program"/> (a path, or <c>dotnet</c>) in <paramref name="workingDirectory"/>.</summary>
    public static async Task<Outcome> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program == "dotnet" ? Path.Combine(DotnetRoot, "dotnet") : program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };

        // The test host runs under MSBuild's environment; a child build must find its own SDK, not inherit those paths.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_ROOT"] = DotnetRoot;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{start.FileName} {string.Join(' ', arguments)}' did not finish within {Limit}: {await stdout}{await stderr}");
        }

        return new Outcome(process.ExitCode, await stdout + await stderr);
    }
}
