using FluentAssertions;
using NUnit.Framework;
using SecEvent.Cli;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary>Durations on the command line, as <c>--max-age</c> takes them.</summary>
public class CliDurationTests
{
    [TestCase("90s", 90_000)]
    [TestCase("10m", 600_000)]
    [TestCase("1h30m", 5_400_000)]
    [TestCase("2d", 172_800_000)]
    [TestCase("500ms", 500)]
    [TestCase("1m30s", 90_000)]
    [TestCase("00:10:00", 600_000)]
    public void TryParse_Valid_Parsed(string text, long milliseconds)
    {
        CliDuration.TryParse(text, out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [TestCase("")]
    [TestCase("10")]
    [TestCase("m")]
    [TestCase("-5m")]
    [TestCase("0s")]
    [TestCase("5 m")]
    [TestCase("5mx")]
    [TestCase("99999999999d")]
    [TestCase("-00:10:00")]
    public void TryParse_Invalid_Refused(string text) => CliDuration.TryParse(text, out _).Should().BeFalse();
}
