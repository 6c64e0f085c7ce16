namespace SecEvent.Delivery.Poll;

/// <summary>What one poll round did with the SETs the transmitter returned (<see cref="PollClient.PollOnceAsync"/>).</summary>
public sealed class PollRoundResult
{
    internal PollRoundResult(int accepted, int duplicates, int rejected, int sinkFailed, bool moreAvailable)
    {
        Accepted = accepted;
        Duplicates = duplicates;
        Rejected = rejected;
        SinkFailed = sinkFailed;
        MoreAvailable = moreAvailable;
    }

    /// <summary>SETs validated and taken by the sink; acknowledged in the next request.</summary>
    public int Accepted { get; }

    /// <summary>
    /// SETs accepted before, which the replay store remembers: acknowledged again in the next request without reaching
    /// the sink (RFC 8936 §2.4, POLL-04).
    /// </summary>
    public int Duplicates { get; }

    /// <summary>SETs that failed validation, or whose <c>sets</c> key is not their <c>jti</c>: reported in the next request's <c>setErrs</c>.</summary>
    public int Rejected { get; }

    /// <summary>
    /// Valid SETs the sink (or the replay store) failed to take: neither acknowledged nor reported (POLL-02), so the
    /// transmitter offers them again.
    /// </summary>
    public int SinkFailed { get; }

    /// <summary>Whether the transmitter has more SETs waiting (<c>moreAvailable</c>, RFC 8936 §2.3).</summary>
    public bool MoreAvailable { get; }

    /// <summary>All the SETs the response carried and this round processed.</summary>
    public int Received => Accepted + Duplicates + Rejected + SinkFailed;

    /// <summary>Returns the counts.</summary>
    public override string ToString() =>
        $"accepted={Accepted} duplicates={Duplicates} rejected={Rejected} sinkFailed={SinkFailed} moreAvailable={MoreAvailable}";
}
