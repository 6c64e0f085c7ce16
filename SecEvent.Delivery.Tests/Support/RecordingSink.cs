using System.Collections.Concurrent;
using SecEvent.Delivery.Push;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Tests.Support;

/// <summary>A sink that records what it was given, and can fail or hold on request.</summary>
internal sealed class RecordingSink : ISecurityEventSink
{
    private int _calls;

    public ConcurrentQueue<SecurityEventToken> Accepted { get; } = new();

    /// <summary>Number of calls, failed ones included.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>When set, the next calls throw it.</summary>
    public Exception? FailWith { get; set; }

    /// <summary>When set, every call waits for it before returning.</summary>
    public Task? Hold { get; set; }

    /// <summary>Runs inside each call, before it returns (for example, to look at the replay store).</summary>
    public Action<SecurityEventToken>? During { get; set; }

    public async ValueTask AcceptAsync(SecurityEventToken token, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Hold is { } hold)
        {
            await hold.WaitAsync(cancellationToken);
        }

        During?.Invoke(token);
        if (FailWith is { } failure)
        {
            throw failure;
        }

        Accepted.Enqueue(token);
    }
}
