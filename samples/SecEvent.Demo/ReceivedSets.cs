using SecEvent.Delivery.Push;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;

namespace SecEvent.Demo;

/// <summary>
/// The relying party's own sink for one stream: every SET it kept, in arrival order, so the demo can count them by
/// <c>jti</c> (exactly once, none lost) and check the order of held ones.
/// </summary>
internal sealed class ReceivedSets(string channel, Timeline timeline) : ISecurityEventSink
{
    private readonly List<Arrival> _arrivals = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<Arrival> Arrivals
    {
        get
        {
            lock (_gate)
            {
                return [.. _arrivals];
            }
        }
    }

    /// <summary>The scenario's SETs, without the stream's own verification and stream-updated events.</summary>
    public IReadOnlyList<Arrival> Signals => [.. Arrivals.Where(a => a.EventType is not SecurityEventTypes.SsfVerification and not SecurityEventTypes.SsfStreamUpdated)];

    public ValueTask AcceptAsync(SecurityEventToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var type = token.Events.Count > 0 ? token.Events[0].EventType : "(none)";
        lock (_gate)
        {
            _arrivals.Add(new Arrival(token.JwtId!, type, token.TransactionId));
        }

        timeline.Arrival($"rp ({channel})", $"{ShortName(type)} arrived, jti {token.JwtId![..8]}…{(token.TransactionId is { } txn ? $" txn {txn}" : "")}");
        return ValueTask.CompletedTask;
    }

    /// <summary>The last path segment of an event type URI: <c>credential-change</c>, <c>token-revoked</c>.</summary>
    public static string ShortName(string eventType) => eventType[(eventType.LastIndexOfAny(['/', ':']) + 1)..];
}
