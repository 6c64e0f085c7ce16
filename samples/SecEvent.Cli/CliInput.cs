using System.CommandLine;

namespace SecEvent.Cli;

/// <summary>Reads the <c>--in FILE|-</c> input and the key files, turning every I/O failure into a usage error.</summary>
internal static class CliInput
{
    /// <summary>The <c>--in</c> value that means standard input, as in most Unix tools.</summary>
    public const string StandardInput = "-";

    /// <summary>Creates the <c>--in</c> option; standard input when absent.</summary>
    public static Option<string> CreateOption(string what) => new("--in")
    {
        Description = $"Read the {what} from FILE, or from standard input with '-'.",
        HelpName = "FILE|-",
        DefaultValueFactory = _ => StandardInput,
    };

    /// <summary>Reads all of the input named by <c>--in</c>.</summary>
    public static async Task<string> ReadAsync(string path, CliContext context, string what, CancellationToken cancellationToken) =>
        path == StandardInput
            ? await context.Stdin.ReadToEndAsync(cancellationToken)
            : await ReadFileAsync(path, what, cancellationToken);

    /// <summary>Reads a whole text file.</summary>
    /// <exception cref="CliUsageException">The file cannot be read.</exception>
    public static async Task<string> ReadFileAsync(string path, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (IsFileProblem(ex))
        {
            // The message names the file and the OS reason; it never repeats the file's content.
            throw new CliUsageException($"cannot read the {what} '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>The exceptions that mean "this path cannot be used", as opposed to a bug.</summary>
    public static bool IsFileProblem(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException
            or ArgumentException; // an empty path or one with invalid characters
}
