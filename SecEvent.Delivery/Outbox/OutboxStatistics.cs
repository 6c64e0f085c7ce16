namespace SecEvent.Delivery.Outbox;

/// <summary>An outbox's size at one moment, for metrics and progress.</summary>
/// <param name="Pending">SETs not yet delivered or given up, leased ones included.</param>
/// <param name="OldestPendingEnqueuedAt">When the oldest pending SET was enqueued, or <see langword="null"/> when none is pending.</param>
/// <param name="DeadLetters">SETs given up.</param>
public sealed record OutboxStatistics(long Pending, DateTimeOffset? OldestPendingEnqueuedAt, long DeadLetters);
