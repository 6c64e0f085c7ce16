using FluentAssertions;
using NUnit.Framework;

namespace SecEvent.Tokens.Tests;

public class NumericDateTests
{
    [Test]
    public void Seconds_Fractional_KeptExactly()
    {
        new NumericDate(1458496404.123m).Seconds.Should().Be(1458496404.123m);
        new NumericDate(1458496404.123m).ToString().Should().Be("1458496404.123");
    }

    [Test]
    public void ToDateTimeOffset_Fractional_RoundsTo100Nanoseconds()
    {
        new NumericDate(1.00000005m).ToDateTimeOffset().Should().Be(DateTimeOffset.UnixEpoch.AddTicks(10_000_001));
        new NumericDate(-0.5m).ToDateTimeOffset().Should().Be(DateTimeOffset.UnixEpoch.AddMilliseconds(-500));
    }

    [Test]
    public void FromDateTimeOffset_WholeSecond_IsAnInteger()
    {
        NumericDate date = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        date.Seconds.Should().Be(1767225600m);
        date.ToString().Should().Be("1767225600");
    }

    [Test]
    public void FromDateTimeOffset_NonUtcOffset_SameInstant()
    {
        var instant = new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.FromHours(2));

        NumericDate.FromDateTimeOffset(instant).Seconds.Should().Be(1767225600m);
    }

    [Test]
    public void Constructor_OutsideDateTimeOffsetRange_Throws()
    {
        FluentActions.Invoking(() => new NumericDate(253402300800m)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new NumericDate(-62135596801m)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Comparison_OrdersByInstant()
    {
        var early = new NumericDate(10m);
        var late = new NumericDate(10.5m);

        (early < late).Should().BeTrue();
        (late >= early).Should().BeTrue();
        early.CompareTo(late).Should().BeNegative();
        new NumericDate(1.0m).Should().Be(new NumericDate(1m));
    }
}
