namespace SecEvent.Delivery.Ssf;

/// <summary>What an <see cref="SsfStreamEventSink"/> does with stream events besides handing them on.</summary>
public sealed class SsfStreamEventSinkOptions
{
    /// <summary>
    /// Called with each stream status change that is newer than the last one known for its stream (SSF-38), after the
    /// inner sink accepted the SET. Updates reach it one at a time, in the order they are applied.
    /// </summary>
    /// <remarks>
    /// An exception thrown here fails the delivery like an inner sink failure (push answers 5xx, poll does not
    /// acknowledge), so the transmitter sends the SET again and the callback sees the same update again: make it
    /// idempotent. A <see cref="Tokens.SecurityEventTokenException"/> refuses the SET with its code.
    /// </remarks>
    /// <value>The default value is <see langword="null"/>: changes are only kept for <see cref="SsfStreamEventSink.GetLastKnownStatus"/>.</value>
    public Func<SsfStreamUpdate, CancellationToken, ValueTask>? StreamUpdated { get; set; }
}
