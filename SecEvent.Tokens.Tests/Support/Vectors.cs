using System.Text.Json;

namespace SecEvent.Tokens.Tests.Support;

/// <summary>
/// Reads the specifications' own examples from <c>../shared/vectors</c> (beside the clone), or from the
/// folder named by <c>SECEVENT_VECTORS</c>.
/// </summary>
public static class Vectors
{
    private static readonly Lazy<IReadOnlyList<TestVector>> All = new(Load);

    /// <summary>The folder holding the vectors.</summary>
    public static string Directory { get; } = Locate();

    /// <summary>Every vector of one <c>kind</c>.</summary>
    public static IEnumerable<TestVector> OfKind(params string[] kinds) =>
        All.Value.Where(v => kinds.Contains(v.Kind, StringComparer.Ordinal));

    /// <summary>One vector by file name without extension.</summary>
    public static TestVector Named(string name) =>
        All.Value.Single(v => v.Name == name);

    private static List<TestVector> Load() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .ToList();

    private static TestVector Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        return new TestVector(
            Path.GetFileNameWithoutExtension(path),
            root.GetProperty("source").GetString()!,
            root.GetProperty("kind").GetString()!,
            root.GetProperty("valid").GetBoolean(),
            root.GetProperty("data").Clone(),
            root.TryGetProperty("notes", out var notes) ? notes.GetString() ?? "" : "");
    }

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("SECEVENT_VECTORS");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        // Walk up from the test binaries to the clone (the folder holding the solution), then step beside it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.EnumerateFiles("*.slnx").Any())
            {
                var candidate = Path.Combine(dir.Parent!.FullName, "shared", "vectors");
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            "The specification vectors were not found: expected ../shared/vectors beside the clone, or SECEVENT_VECTORS.");
    }
}
