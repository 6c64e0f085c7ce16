namespace SecEvent.Demo;

/// <summary>The command line: <c>--json</c> for JSON lines, <c>--data DIR</c> to keep the SQLite files, <c>--help</c>.</summary>
internal sealed record DemoOptions(bool Json, string? DataDirectory, bool Help)
{
    public const string Usage = """
        Usage: dotnet run --project samples/SecEvent.Demo [-- [--json] [--data DIR]]
          --json      print the timeline and the expectations as JSON lines, nothing else
          --data DIR  keep the SQLite files in DIR (created if missing); by default a temporary folder, deleted at the end
        """;

    /// <summary>Reads the arguments; an unknown or incomplete one is a <see cref="FormatException"/> with a message for the user.</summary>
    public static DemoOptions Parse(IReadOnlyList<string> args)
    {
        bool json = false, help = false;
        string? data = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--data" when i + 1 < args.Count && args[i + 1].Length > 0 && !args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    data = args[++i];
                    break;
                case "--data":
                    throw new FormatException("--data needs a folder.");
                case "-h" or "--help":
                    help = true;
                    break;
                default:
                    throw new FormatException($"Unknown argument '{args[i]}'.");
            }
        }

        return new DemoOptions(json, data, help);
    }
}
