using System.Diagnostics;
using System.Text.Json;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Interop;

/// <summary>
/// Runs operations in panva/jose, an independent JOSE implementation, through <c>Interop/jose/jose.mjs</c>.
/// Installs the pinned package with <c>npm ci</c> on first use. Without Node.js the tests are ignored on a
/// developer machine and fail in CI (<c>CI=true</c>), where <c>.ci/run</c> installs it.
/// </summary>
internal static class JoseBridge
{
    private static readonly string Folder = PublicApiListing.PathInRepository("SecEvent.Tokens.Tests/Interop/jose");
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool s_installed;

    /// <summary>Runs the operations in one Node.js process and returns one result for each.</summary>
    public static async Task<JsonElement[]> RunAsync(IReadOnlyList<object> operations)
    {
        await EnsureInstalledAsync();
        var (exit, stdout, stderr) = await ExecAsync("node", "jose.mjs", JsonSerializer.Serialize(operations));
        if (exit != 0)
        {
            Assert.Fail($"jose.mjs exited with {exit}: {stderr}");
        }

        return JsonElement.Parse(stdout).EnumerateArray().ToArray();
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (s_installed)
            {
                return;
            }

            if (!await CommandExistsAsync("node"))
            {
                const string Missing = "Node.js is not installed; the jose interop tests need it (.ci/run installs it).";
                if (Environment.GetEnvironmentVariable("CI") == "true")
                {
                    Assert.Fail(Missing);
                }

                Assert.Ignore(Missing);
            }

            if (!File.Exists(Path.Combine(Folder, "node_modules", "jose", "package.json")))
            {
                var (exit, _, stderr) = await ExecAsync("npm", "ci --no-audit --no-fund", input: null);
                if (exit != 0)
                {
                    Assert.Fail($"npm ci failed in {Folder}: {stderr}");
                }
            }

            s_installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task<bool> CommandExistsAsync(string command)
    {
        try
        {
            return (await ExecAsync(command, "--version", input: null)).Exit == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> ExecAsync(string command, string arguments, string? input)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
