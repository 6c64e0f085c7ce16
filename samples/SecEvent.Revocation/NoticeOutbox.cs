using System.Collections.Concurrent;

namespace SecEvent.Revocation;

/// <summary>
/// Where signed notices wait for delivery. A real server hands them to a durable outbox that pushes (RFC 8935) or
/// serves them for polling (RFC 8936); this sample keeps them in memory.
/// </summary>
internal sealed class NoticeOutbox
{
    private readonly ConcurrentQueue<string> _sets = new();

    public void Enqueue(string set) => _sets.Enqueue(set);

    public IReadOnlyList<string> Drain()
    {
        var drained = new List<string>();
        while (_sets.TryDequeue(out var set))
        {
            drained.Add(set);
        }

        return drained;
    }
}
