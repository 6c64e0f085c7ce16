using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Samples;

public class ReadmeTests
{
    [TestCase("samples/SecEvent.QuickStart/Program.cs", "quick-start")]
    [TestCase("samples/SecEvent.Revocation/Program.cs", "revocation-push")]
    [TestCase("samples/SecEvent.Revocation/RevocationEndpoint.cs", "revocation-notices")]
    [TestCase("samples/SecEvent.Receiver/Program.cs", "poll-receiver")]
    public void QuickStarts_AreTheCompiledSamples(string sample, string name)
    {
        var text = File.ReadAllText(PublicApiListing.PathInRepository(sample)).ReplaceLineEndings("\n");
        var readme = File.ReadAllText(PublicApiListing.PathInRepository("README.md")).ReplaceLineEndings("\n");
        string begin = $"// {name}:begin\n", end = $"// {name}:end";
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"{sample} marks the region {name}");
        var lines = text[(start + begin.Length)..text.IndexOf(end, StringComparison.Ordinal)].Split('\n')[..^1];

        // A region inside a method is shown without the method's indentation.
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        var region = string.Concat(lines.Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart()) + "\n"));

        readme.Should().Contain("```csharp\n" + region + "```", "the README's quick starts must be samples that CI compiles and runs");
    }

    [Test]
    public void FirstScreen_HoldsTheTwoSetUpCommands()
    {
        var firstLines = File.ReadLines(PublicApiListing.PathInRepository("README.md")).Take(12).ToList();
        firstLines.Should().Contain(l => l.StartsWith("dotnet run --project samples/SecEvent.Demo", StringComparison.Ordinal));
        firstLines.Should().Contain(l => l.StartsWith("dotnet test SecEvent.slnx", StringComparison.Ordinal));
        var ci = File.ReadAllText(PublicApiListing.PathInRepository(".ci/run"));
        ci.Should().Contain("--project samples/SecEvent.Demo -- --json").And.Contain("dotnet test SecEvent.slnx");
    }

    [Test]
    public void CliWalkthrough_StaysInTheReadmeAndInCi()
    {
        File.ReadAllText(PublicApiListing.PathInRepository("README.md")).Should().Contain("`bash samples/try-cli.sh`");
        File.ReadAllText(PublicApiListing.PathInRepository(".ci/run")).Should().Contain("bash samples/try-cli.sh");
    }
}
