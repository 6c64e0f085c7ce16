namespace SecEvent.Tokens.Events;

/// <summary>Stream statuses of OpenID SSF 1.0 §8.1.2.1.</summary>
public static class SsfStreamStatuses
{
    /// <summary>The transmitter MUST transmit events over the stream.</summary>
    public const string Enabled = "enabled";

    /// <summary>The transmitter MUST NOT transmit events; it SHOULD hold them and send them on re-enable.</summary>
    public const string Paused = "paused";

    /// <summary>The transmitter MUST NOT transmit events and does not hold them.</summary>
    public const string Disabled = "disabled";

    /// <summary>Whether a value is one of the three statuses (compared ordinally: the values are case-sensitive).</summary>
    /// <param name="status">The value to test.</param>
    public static bool IsDefined(string? status) => status is Enabled or Paused or Disabled;
}
