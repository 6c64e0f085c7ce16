namespace SecEvent.Delivery.Outbox;

/// <summary>What becomes of a leased SET.</summary>
public enum OutboxSettlementKind
{
    /// <summary>Delivered: the SET leaves the outbox.</summary>
    Delivered,

    /// <summary>Tried and to be tried again at <see cref="OutboxSettlement.NextAttemptAt"/>.</summary>
    Retry,

    /// <summary>Given up: the SET moves to the dead letters with its reason.</summary>
    DeadLetter,

    /// <summary>Not tried (the dispatcher stopped): the lease is returned and no attempt is counted.</summary>
    Release,
}
