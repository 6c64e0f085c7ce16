using SecEvent.Tokens;

namespace SecEvent.Delivery.Push;

/// <summary>Adapts a delegate to <see cref="ISecurityEventSink"/>.</summary>
internal sealed class DelegateSecurityEventSink(Func<SecurityEventToken, CancellationToken, ValueTask> accept) : ISecurityEventSink
{
    public ValueTask AcceptAsync(SecurityEventToken token, CancellationToken cancellationToken) => accept(token, cancellationToken);
}
