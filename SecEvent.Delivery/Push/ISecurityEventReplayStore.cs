namespace SecEvent.Delivery.Push;

/// <summary>
/// Remembers the (<c>iss</c>, <c>jti</c>) pairs of SETs a receiver has accepted, so that a retransmission is answered
/// with 202 without reaching the sink again (RFC 8935 §2, PUSH-03, PUSH-04).
/// </summary>
/// <remarks>
/// Implementations must be thread-safe. Entries may be forgotten after their expiry; a store may also forget entries
/// early to stay within its bounds, at the price of handing a late retransmission to the sink again.
/// </remarks>
public interface ISecurityEventReplayStore
{
    /// <summary>Whether an unexpired entry exists for the pair.</summary>
    /// <param name="issuer">The SET's <c>iss</c>.</param>
    /// <param name="jwtId">The SET's <c>jti</c>.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns><see langword="true"/> when the SET was accepted before and is still remembered.</returns>
    ValueTask<bool> ContainsAsync(string issuer, string jwtId, CancellationToken cancellationToken);

    /// <summary>Records the pair until <paramref name="expiresAt"/>; recording an existing pair extends it.</summary>
    /// <param name="issuer">The SET's <c>iss</c>.</param>
    /// <param name="jwtId">The SET's <c>jti</c>.</param>
    /// <param name="expiresAt">When the entry may be forgotten.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the entry is recorded.</returns>
    ValueTask AddAsync(string issuer, string jwtId, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
