namespace SecEvent.Delivery.Ssf;

/// <summary>Where one published event went: how many streams got a SET queued, held (paused) or dropped (disabled).</summary>
/// <param name="Queued">Streams whose SET was queued for push or poll.</param>
/// <param name="Held">Paused streams whose SET is held until they are enabled again.</param>
/// <param name="Dropped">Disabled streams that wanted the event but get nothing (§8.1.2.1).</param>
public sealed record SsfPublishResult(int Queued, int Held, int Dropped)
{
    /// <summary>How many streams wanted the event.</summary>
    public int Streams => Queued + Held + Dropped;
}
