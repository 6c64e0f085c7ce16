namespace SecEvent.Delivery.Ssf;

/// <summary>
/// A stream as the transmitter keeps it (OpenID SSF 1.0 §8.1.1): its configuration as the receiver reads it, the
/// receiver it belongs to, its status, and the times the transmitter's own rules need.
/// </summary>
public sealed record SsfStream
{
    /// <summary>The stream's configuration, as returned to its receiver; <see cref="SsfStreamConfiguration.StreamId"/> is the stream's id.</summary>
    public required SsfStreamConfiguration Configuration { get; init; }

    /// <summary>The receiver the stream belongs to, as the authorization hook named it (SSF-22); only it may see or change the stream.</summary>
    public required string ReceiverId { get; init; }

    /// <summary>The status (§8.1.2): <c>enabled</c>, <c>paused</c> or <c>disabled</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the status was last set, if a reason was given.</summary>
    public string? Reason { get; init; }

    /// <summary>When the stream was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The last eligible activity (§8.1.1, <c>inactivity_timeout</c>): a management call on the stream or, for a poll stream, a poll.</summary>
    public required DateTimeOffset LastActivityAt { get; init; }

    /// <summary>When the receiver last asked for a verification event (§8.1.4.2, <c>min_verification_interval</c>).</summary>
    public DateTimeOffset? LastVerificationRequestedAt { get; init; }

    /// <summary>The stream's id.</summary>
    public string StreamId => Configuration.StreamId;

    /// <inheritdoc/>
    public override string ToString() => $"stream_id={StreamId} receiver={ReceiverId} status={Status}";
}
