using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Outbox;

/// <summary>A signed SET handed to an outbox for delivery: what <see cref="ISecurityEventOutbox.EnqueueAsync"/> takes.</summary>
public sealed class OutboxItem
{
    /// <summary>Creates an item for <paramref name="destination"/>.</summary>
    /// <param name="set">The SET as a compact JWS or JWE; delivered unchanged.</param>
    /// <param name="destination">
    /// Where it goes: a name that <see cref="OutboxDispatcherOptions.ResolveEndpoint"/> turns into a
    /// <see cref="PushEndpoint"/> when the SET is delivered, such as a stream id or the endpoint URL. Credentials are
    /// looked up then, so that the outbox never stores an <c>Authorization</c> value.
    /// </param>
    /// <param name="orderingKey">
    /// SETs with the same key are delivered one at a time, in enqueue order (a stream that promises order);
    /// <see langword="null"/> for none.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="set"/> or <paramref name="destination"/> is empty.</exception>
    public OutboxItem(string set, string destination, string? orderingKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(set);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        Set = set;
        Destination = destination;
        OrderingKey = orderingKey;
        Jti = JtiReader.TryRead(set);
    }

    /// <summary>The SET, unchanged.</summary>
    public string Set { get; }

    /// <summary>Where the SET goes, resolved to an endpoint at delivery.</summary>
    public string Destination { get; }

    /// <summary>The key within which delivery keeps enqueue order, or <see langword="null"/>.</summary>
    public string? OrderingKey { get; }

    /// <summary>The SET's <c>jti</c>, read from its payload, for listings and logs; <see langword="null"/> when it has none.</summary>
    public string? Jti { get; }
}
