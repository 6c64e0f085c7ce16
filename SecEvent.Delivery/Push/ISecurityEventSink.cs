using SecEvent.Tokens;

namespace SecEvent.Delivery.Push;

/// <summary>
/// Where a <see cref="PushReceiver"/> hands each validated SET: persist it (or enqueue it durably) and return.
/// </summary>
/// <remarks>
/// RFC 8935 §2 (PUSH-03): the recipient answers once the SET is validated and persisted, and processes it afterwards,
/// asynchronously. Return only when the SET is safe; throw when it is not, and the transmitter is told to retry.
/// A SET is handed over at most once per (<c>iss</c>, <c>jti</c>) while the replay store remembers it.
/// </remarks>
public interface ISecurityEventSink
{
    /// <summary>Takes responsibility for a validated SET.</summary>
    /// <param name="token">The validated SET.</param>
    /// <param name="cancellationToken">Cancels the hand-over, for example when the request is aborted.</param>
    /// <returns>A task that completes once the SET is persisted.</returns>
    ValueTask AcceptAsync(SecurityEventToken token, CancellationToken cancellationToken);
}
