namespace SecEvent.Delivery;

/// <summary>The delay before a retry, shared by the push client's retries and the outbox's.</summary>
internal static class ExponentialBackoff
{
    /// <summary>
    /// <paramref name="baseDelay"/> doubled per earlier retry, capped at <paramref name="maxDelay"/>; with jitter, a uniform
    /// draw from its upper half ("equal jitter"), so that the delay still grows while retries that failed together (one
    /// outage) spread out.
    /// </summary>
    /// <param name="baseDelay">The first delay.</param>
    /// <param name="maxDelay">The longest delay.</param>
    /// <param name="retry">Which retry this is, from 1.</param>
    /// <param name="jitter">Whether to draw from the upper half.</param>
    public static TimeSpan Delay(TimeSpan baseDelay, TimeSpan maxDelay, int retry, bool jitter)
    {
        var ticks = baseDelay.Ticks * Math.Pow(2, Math.Clamp(retry - 1, 0, 62));
        var delay = ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
        return jitter ? delay / 2 + delay / 2 * Random.Shared.NextDouble() : delay;
    }
}
