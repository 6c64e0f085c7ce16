using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events;

namespace SecEvent.Tokens.Tests.Events;

public class SsfStreamStatusesTests
{
    [TestCase("enabled", true)]
    [TestCase("paused", true)]
    [TestCase("disabled", true)]
    [TestCase("Paused", false)]
    [TestCase("ENABLED", false)]
    [TestCase("deleted", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void IsDefined_Value_OnlyTheThreeLowerCaseStatuses(string? status, bool defined)
    {
        SsfStreamStatuses.IsDefined(status).Should().Be(defined);
    }
}
