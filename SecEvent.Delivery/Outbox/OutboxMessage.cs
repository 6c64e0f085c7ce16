namespace SecEvent.Delivery.Outbox;

/// <summary>A pending SET leased to one dispatcher: what <see cref="ISecurityEventOutbox.LeaseAsync"/> returns.</summary>
public sealed class OutboxMessage
{
    /// <summary>The outbox's id of this SET, ascending in enqueue order.</summary>
    public required long Id { get; init; }

    /// <summary>
    /// This lease's token. A settlement names it, and a store ignores a settlement whose lease has since expired and
    /// been given to another dispatcher.
    /// </summary>
    public required long LeaseToken { get; init; }

    /// <summary>The SET, unchanged.</summary>
    public required string Set { get; init; }

    /// <summary>Where the SET goes (<see cref="OutboxItem.Destination"/>).</summary>
    public required string Destination { get; init; }

    /// <summary>The key within which delivery keeps enqueue order, or <see langword="null"/>.</summary>
    public string? OrderingKey { get; init; }

    /// <summary>The SET's <c>jti</c>, or <see langword="null"/>.</summary>
    public string? Jti { get; init; }

    /// <summary>When the SET was enqueued: its age decides when it stops being retried.</summary>
    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>The attempts made before this lease.</summary>
    public required int Attempts { get; init; }
}
