using SecEvent.Delivery.Outbox;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>The last size read from one dispatcher's outbox, which the outbox gauges report.</summary>
internal sealed class OutboxGaugeReading(string name, TimeProvider timeProvider) : IDisposable
{
    public string Name { get; } = name;

    public OutboxStatistics Statistics { get; set; } = new(0, null, 0);

    public TimeSpan OldestPendingAge => Statistics.OldestPendingEnqueuedAt is { } oldest
        ? TimeSpan.FromTicks(Math.Max(0, (timeProvider.GetUtcNow() - oldest).Ticks))
        : TimeSpan.Zero;

    public void Dispose() => OutboxInstruments.Untrack(this);
}
