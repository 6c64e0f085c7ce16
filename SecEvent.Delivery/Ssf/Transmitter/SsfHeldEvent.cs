namespace SecEvent.Delivery.Ssf;

/// <summary>
/// A SET held for a paused stream (OpenID SSF 1.0 §8.1.2.1: the transmitter SHOULD hold events and send them when the
/// stream is enabled again, those about one principal in the order they were generated).
/// </summary>
/// <param name="Sequence">The position in the stream's held events, assigned by the store: increasing in the order they were held.</param>
/// <param name="Set">The signed SET.</param>
/// <param name="Jti">The SET's <c>jti</c>.</param>
/// <param name="OrderingKey">The principal the SET is about, for delivery in order per principal; <see langword="null"/> for none.</param>
/// <param name="HeldAt">When it was held.</param>
public sealed record SsfHeldEvent(long Sequence, string Set, string Jti, string? OrderingKey, DateTimeOffset HeldAt);
