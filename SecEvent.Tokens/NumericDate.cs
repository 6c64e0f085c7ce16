using System.Globalization;

namespace SecEvent.Tokens;

/// <summary>
/// A JWT NumericDate: seconds since 1970-01-01T00:00:00Z, UTC, ignoring leap seconds (RFC 7519 §2).
/// </summary>
/// <remarks>
/// Fractional seconds are allowed by RFC 7519 and kept exactly (the value is a <see cref="decimal"/>), so a
/// parsed token writes back the same number; <see cref="DateTimeOffset"/> conversions round to 100 ns ticks.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(NumericDateJsonConverter))]
public readonly record struct NumericDate : IComparable<NumericDate>
{
    private static readonly decimal MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
    private static readonly decimal MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();

    /// <summary>Creates a NumericDate from seconds since the epoch.</summary>
    /// <param name="seconds">Seconds since 1970-01-01T00:00:00Z; fractions allowed.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range of <see cref="DateTimeOffset"/>.</exception>
    public NumericDate(decimal seconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, MinSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, MaxSeconds);
        Seconds = seconds;
    }

    /// <summary>Seconds since 1970-01-01T00:00:00Z, as written in the token.</summary>
    public decimal Seconds { get; }

    /// <summary>The instant as a <see cref="DateTimeOffset"/> in UTC, rounded to 100 ns.</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Round(Seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero));

    /// <summary>The NumericDate of an instant, in whole seconds when the instant has no fraction.</summary>
    /// <param name="instant">The instant.</param>
    public static NumericDate FromDateTimeOffset(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new NumericDate((decimal)ticks / TimeSpan.TicksPerSecond);
    }

    /// <summary>Converts an instant to a NumericDate.</summary>
    /// <param name="instant">The instant.</param>
    public static implicit operator NumericDate(DateTimeOffset instant) => FromDateTimeOffset(instant);

    /// <summary>Tries to create a NumericDate from seconds, failing when they are out of range.</summary>
    internal static bool TryCreate(decimal seconds, out NumericDate date)
    {
        if (seconds < MinSeconds || seconds > MaxSeconds)
        {
            date = default;
            return false;
        }

        date = new NumericDate(seconds);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(NumericDate other) => Seconds.CompareTo(other.Seconds);

    /// <summary>Compares two NumericDates.</summary>
    public static bool operator <(NumericDate left, NumericDate right) => left.Seconds < right.Seconds;

    /// <summary>Compares two NumericDates.</summary>
    public static bool operator >(NumericDate left, NumericDate right) => left.Seconds > right.Seconds;

    /// <summary>Compares two NumericDates.</summary>
    public static bool operator <=(NumericDate left, NumericDate right) => left.Seconds <= right.Seconds;

    /// <summary>Compares two NumericDates.</summary>
    public static bool operator >=(NumericDate left, NumericDate right) => left.Seconds >= right.Seconds;

    /// <summary>The number of seconds, as written in a token.</summary>
    public override string ToString() => Seconds.ToString(CultureInfo.InvariantCulture);
}
