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
    /// <param name="jti">
    /// The SET's <c>jti</c>, for a SET whose payload cannot be read here, such as an encrypted one; <see langword="null"/>
    /// reads it from the payload of a compact JWS. A poll stream keys SETs by it (RFC 8936 §2.3).
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="set"/>, <paramref name="destination"/> or <paramref name="jti"/> is empty.</exception>
    public OutboxItem(string set, string destination, string? orderingKey = null, string? jti = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(set);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        if (jti is { Length: 0 })
        {
            throw new ArgumentException("The jti is empty; pass null to read it from the SET.", nameof(jti));
        }

        Set = set;
        Destination = destination;
        OrderingKey = orderingKey;
        Jti = jti ?? JtiReader.TryRead(set);
    }

    /// <summary>The SET, unchanged.</summary>
    public string Set { get; }

    /// <summary>Where the SET goes, resolved to an endpoint at delivery.</summary>
    public string Destination { get; }

    /// <summary>The key within which delivery keeps enqueue order, or <see langword="null"/>.</summary>
    public string? OrderingKey { get; }

    /// <summary>
    /// The SET's <c>jti</c>, given or read from its payload: for listings and logs, and the key of a poll stream's SETs;
    /// <see langword="null"/> when it has none.
    /// </summary>
    public string? Jti { get; }
}
