using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Samples;

public class ReadmeTests
{
    [Test]
    public void QuickStart_IsTheCompiledSample()
    {
        var sample = File.ReadAllText(PublicApiListing.PathInRepository("samples/SecEvent.QuickStart/Program.cs")).ReplaceLineEndings("\n");
        var readme = File.ReadAllText(PublicApiListing.PathInRepository("README.md")).ReplaceLineEndings("\n");
        const string Begin = "// quick-start:begin\n", End = "// quick-start:end";
        var start = sample.IndexOf(Begin, StringComparison.Ordinal) + Begin.Length;
        var region = sample[start..sample.IndexOf(End, StringComparison.Ordinal)];

        readme.Should().Contain("```csharp\n" + region + "```", "the README's quick start must be the sample that CI compiles and runs");
    }

    [Test]
    public void FirstScreen_HoldsTheTwoSetUpCommands()
    {
        var firstLines = File.ReadLines(PublicApiListing.PathInRepository("README.md")).Take(12).ToList();
        firstLines.Should().Contain(l => l.StartsWith("bash samples/try-cli.sh", StringComparison.Ordinal));
        firstLines.Should().Contain(l => l.StartsWith("dotnet test SecEvent.slnx", StringComparison.Ordinal));
        var ci = File.ReadAllText(PublicApiListing.PathInRepository(".ci/run"));
        ci.Should().Contain("bash samples/try-cli.sh").And.Contain("dotnet test SecEvent.slnx");
    }
}
