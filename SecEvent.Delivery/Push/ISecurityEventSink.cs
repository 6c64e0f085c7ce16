using SecEvent.Tokens;

namespace SecEvent.Delivery.Push;

/// <summary>
/// Where a <see cref="PushReceiver"/> hands each validated SET: persist it (or enqueue it durably) and return.
/// </summary>
/// <remarks>
/// RFC 8935 §2 (PUSH-03): the recipient answers once the SET is validated and persisted, and processes it afterwards,
/// asynchronously. Return only when the SET is safe; throw when it is not, and the transmitter is told to retry.
/// A SET is handed over at most once per (<c>iss</c>, <c>jti</c>) while the replay store remembers it.
/// <para>Two kinds of failure mean different things:</para>
/// <list type="bullet">
/// <item><description>A <see cref="SecurityEventTokenException"/> <em>rejects</em> the SET as the validator would: its
/// <see cref="SecurityEventTokenException.Error"/> is the RFC 8935 <c>err</c> code and description sent back — a
/// <see cref="PushReceiver"/> answers 400 <c>{"err", "description"}</c> (RFC 8935 §2.3), a
/// <see cref="Poll.PollClient"/> reports it in <c>setErrs</c> (RFC 8936 §2.4.4). The SET is neither acknowledged nor
/// recorded as seen. Use it for a SET that is wrong in itself, such as a verification event whose <c>state</c> was
/// never requested (<c>invalid_state</c>, OpenID SSF 1.0 §8.1.4.1).</description></item>
/// <item><description>Any other exception means the SET could not be kept <em>now</em>: push answers 500 or 503 and
/// poll neither acknowledges nor reports it, so the transmitter offers it again.</description></item>
/// </list>
/// </remarks>
public interface ISecurityEventSink
{
    /// <summary>Takes responsibility for a validated SET.</summary>
    /// <param name="token">The validated SET.</param>
    /// <param name="cancellationToken">Cancels the hand-over, for example when the request is aborted.</param>
    /// <returns>A task that completes once the SET is persisted.</returns>
    /// <exception cref="SecurityEventTokenException">The SET is refused with the RFC 8935 code of its <see cref="SecurityEventTokenException.Error"/>.</exception>
    ValueTask AcceptAsync(SecurityEventToken token, CancellationToken cancellationToken);
}
