namespace SecEvent.Delivery.Outbox;

/// <summary>A SET the outbox gave up on, with why: listed, inspected and re-driven through <see cref="ISecurityEventOutbox"/>.</summary>
public sealed class OutboxDeadLetter
{
    /// <summary>The id the SET had in the outbox; re-driving keeps it.</summary>
    public required long Id { get; init; }

    /// <summary>The SET's <c>jti</c>, or <see langword="null"/>.</summary>
    public string? Jti { get; init; }

    /// <summary>Where the SET was going.</summary>
    public required string Destination { get; init; }

    /// <summary>The ordering key it had, or <see langword="null"/>.</summary>
    public string? OrderingKey { get; init; }

    /// <summary>When it was enqueued.</summary>
    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>When it was given up.</summary>
    public required DateTimeOffset DeadAt { get; init; }

    /// <summary>Why: a rejection's <c>err</c> and description, or the last cause when the SET grew too old.</summary>
    public required string Reason { get; init; }

    /// <summary>The attempts made, oldest first: filled by <see cref="ISecurityEventOutbox.GetDeadLetterAsync"/>, empty in listings.</summary>
    public IReadOnlyList<OutboxAttempt> Attempts { get; init; } = [];

    /// <summary>How many attempts were made.</summary>
    public required int AttemptCount { get; init; }

    /// <summary>
    /// The SET itself, for a caller that must inspect it: filled by <see cref="ISecurityEventOutbox.GetDeadLetterAsync"/>,
    /// <see langword="null"/> in listings, and left out of <see cref="ToString"/>.
    /// </summary>
    public string? Set { get; init; }

    /// <summary>Returns the id, <c>jti</c>, destination, attempts and reason, never the SET.</summary>
    public override string ToString() => $"Dead letter {Id} (jti {Jti ?? "none"}) to {Destination} after {AttemptCount} attempt(s): {Reason}";
}
