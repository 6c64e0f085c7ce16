using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Outbox;

/// <summary>
/// Writes settlements as a group commit: every settlement that arrives while one write runs goes into the next, so a
/// durable store pays one transaction for many SETs. A caller's task completes once its settlement is durable.
/// </summary>
internal sealed class OutboxSettlementWriter
{
    private const int MaxBatch = 1024;
    private const int MaxTries = 5;

    private readonly Channel<PendingSettlement> _queue = Channel.CreateUnbounded<PendingSettlement>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ISecurityEventOutbox _outbox;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Task _writing;

    public OutboxSettlementWriter(ISecurityEventOutbox outbox, TimeProvider timeProvider, ILogger logger)
    {
        _outbox = outbox;
        _timeProvider = timeProvider;
        _logger = logger;
        _writing = Task.Run(WriteAllAsync);
    }

    /// <summary>Queues <paramref name="settlement"/>; the task completes once it is durable, or faults when it could not be written.</summary>
    public Task WriteAsync(OutboxSettlement settlement)
    {
        var pending = new PendingSettlement(settlement, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The settlement writer is closed.");
        }

        return pending.Written.Task;
    }

    /// <summary>Writes what is queued and stops.</summary>
    public Task CloseAsync()
    {
        _queue.Writer.TryComplete();
        return _writing;
    }

    private async Task WriteAllAsync()
    {
        var batch = new List<PendingSettlement>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await WriteBatchAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<PendingSettlement> batch)
    {
        var settlements = batch.ConvertAll(p => p.Settlement);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Not cancellable: a dispatcher that stops still records what its pushes did.
                await _outbox.SettleAsync(settlements, CancellationToken.None).ConfigureAwait(false);
                batch.ForEach(p => p.Written.TrySetResult());
                return;
            }
            catch (Exception exception)
            {
                Log.OutboxSettleFailed(_logger, exception, batch.Count, attempt);
                if (attempt == MaxTries)
                {
                    // The leases stay until they expire; the SETs are then delivered again (at least once).
                    batch.ForEach(p => p.Written.TrySetException(exception));
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt), _timeProvider).ConfigureAwait(false);
            }
        }
    }

    private sealed record PendingSettlement(OutboxSettlement Settlement, TaskCompletionSource Written);
}
