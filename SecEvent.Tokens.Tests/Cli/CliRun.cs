using System.Text.Json;
using SecEvent.Cli;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary>What one in-process run of the tool returned and wrote.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The one JSON object the run printed on stdout.</summary>
    public JsonElement Json => JsonElement.Parse(Stdout);

    /// <summary>The member names of <see cref="Json"/>, in order.</summary>
    public IEnumerable<string> MemberNames => Json.EnumerateObject().Select(m => m.Name).ToList();

    /// <summary>stdout without the trailing newline (a compact token, for sign).</summary>
    public string Line => Stdout.TrimEnd('\n', '\r');
}

/// <summary>Runs <see cref="SecEventCli.RunAsync"/> in-process with string streams and a fixed clock.</summary>
public static class CliRun
{
    /// <summary>Runs the tool with empty stdin at <see cref="Some.Now"/>.</summary>
    public static Task<CliResult> RunAsync(params string[] args) => WithStdinAsync("", args);

    /// <summary>Runs the tool with <paramref name="stdin"/> as standard input at <see cref="Some.Now"/>.</summary>
    public static async Task<CliResult> WithStdinAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SecEventCli.RunAsync(args, input, output, error, new ManualTimeProvider(Some.Now));
        return new CliResult(code, output.ToString(), error.ToString());
    }
}

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("secevent-cli-").FullName;

    public string Path { get; }

    /// <summary>The full path of a file in the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a text file in the folder and returns its path.</summary>
    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
