using SecEvent.Delivery.Outbox;

namespace SecEvent.Delivery.Poll;

/// <summary>What <see cref="ISecurityEventPollQueue.LeaseStreamAsync"/> returns: SETs leased for one poll response.</summary>
public sealed class PollLease
{
    /// <summary>Creates a lease.</summary>
    /// <param name="messages">The leased SETs, earliest due first.</param>
    /// <param name="moreAvailable">Whether more SETs of the stream were due and left unleased.</param>
    public PollLease(IReadOnlyList<OutboxMessage> messages, bool moreAvailable)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Messages = messages;
        MoreAvailable = moreAvailable;
    }

    /// <summary>A lease of nothing, with nothing more due.</summary>
    public static PollLease Empty { get; } = new([], false);

    /// <summary>The leased SETs, earliest due first.</summary>
    public IReadOnlyList<OutboxMessage> Messages { get; }

    /// <summary>Whether more SETs of the stream were due than were leased: the response's <c>moreAvailable</c> (RFC 8936 §2.3).</summary>
    public bool MoreAvailable { get; }

    /// <summary>Returns the count, never the SETs.</summary>
    public override string ToString() => $"{Messages.Count} SET(s), moreAvailable={MoreAvailable}";
}
