using System.Collections.Concurrent;
using SecEvent.Delivery.Push;

namespace SecEvent.Transmitter;

/// <summary>
/// The receivers this transmitter serves, by the name its SETs are queued under. The outbox stores only the name; the
/// URL and credential are looked up here at each delivery, so a rotated credential applies to SETs already queued.
/// </summary>
internal sealed class Receivers
{
    private readonly ConcurrentDictionary<string, PushEndpoint> _byName = new(StringComparer.Ordinal);

    public void Set(string name, PushEndpoint endpoint) => _byName[name] = endpoint;

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The dispatcher's <c>ResolveEndpoint</c>: <see langword="null"/> for a receiver that no longer exists.</summary>
    public ValueTask<PushEndpoint?> ResolveAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byName.GetValueOrDefault(name));
}
