namespace SecEvent.Delivery.Outbox;

/// <summary>The end of one lease, written by <see cref="ISecurityEventOutbox.SettleAsync"/>, many in one transaction.</summary>
public sealed class OutboxSettlement
{
    private OutboxSettlement(OutboxMessage message, OutboxSettlementKind kind, OutboxAttempt? attempt, DateTimeOffset? nextAttemptAt, string? reason)
    {
        Message = message;
        Kind = kind;
        Attempt = attempt;
        NextAttemptAt = nextAttemptAt;
        Reason = reason;
    }

    /// <summary>The leased SET.</summary>
    public OutboxMessage Message { get; }

    /// <summary>What becomes of it.</summary>
    public OutboxSettlementKind Kind { get; }

    /// <summary>The attempt this lease made; <see langword="null"/> for <see cref="OutboxSettlementKind.Release"/>.</summary>
    public OutboxAttempt? Attempt { get; }

    /// <summary>When a <see cref="OutboxSettlementKind.Retry"/> may be leased again.</summary>
    public DateTimeOffset? NextAttemptAt { get; }

    /// <summary>Why a <see cref="OutboxSettlementKind.DeadLetter"/> was given up.</summary>
    public string? Reason { get; }

    /// <summary>The SET was delivered.</summary>
    public static OutboxSettlement Delivered(OutboxMessage message, OutboxAttempt attempt) =>
        new(message, OutboxSettlementKind.Delivered, Required(attempt), null, null);

    /// <summary>The SET is tried again no sooner than <paramref name="nextAttemptAt"/>.</summary>
    public static OutboxSettlement Retry(OutboxMessage message, OutboxAttempt attempt, DateTimeOffset nextAttemptAt) =>
        new(message, OutboxSettlementKind.Retry, Required(attempt), nextAttemptAt, null);

    /// <summary>The SET is given up for <paramref name="reason"/>.</summary>
    public static OutboxSettlement DeadLetter(OutboxMessage message, OutboxAttempt? attempt, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(message, OutboxSettlementKind.DeadLetter, attempt, null, reason);
    }

    /// <summary>The SET was not tried; it is due again at once.</summary>
    public static OutboxSettlement Release(OutboxMessage message) => new(message, OutboxSettlementKind.Release, null, null, null);

    private static OutboxAttempt Required(OutboxAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return attempt;
    }
}
