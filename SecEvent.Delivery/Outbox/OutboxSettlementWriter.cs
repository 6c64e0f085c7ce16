using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Outbox;

/// <summary>
/// Writes settlements as a group commit: every settlement that arrives while one write runs goes into the next, so a
/// durable store pays one transaction for many SETs. Pushes go on while their settlements wait: a SET stays leased until
/// its settlement is written, so nothing else can take it meanwhile.
/// </summary>
internal sealed class OutboxSettlementWriter
{
    private const int MaxBatch = 1024;
    private const int MaxTries = 5;

    private readonly Channel<PendingSettlement> _queue = Channel.CreateUnbounded<PendingSettlement>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ISecurityEventOutbox _outbox;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Action<OutboxSettlement> _written;
    private readonly Action _batchWritten;
    private readonly Task _writing;
    private int _backlog;

    /// <param name="outbox">Where the settlements go.</param>
    /// <param name="timeProvider">The clock for the pauses between tries.</param>
    /// <param name="logger">Where failed writes are logged.</param>
    /// <param name="written">Called for each settlement once it is durable, in order.</param>
    /// <param name="batchWritten">Called after each write, whether it succeeded or not.</param>
    public OutboxSettlementWriter(ISecurityEventOutbox outbox, TimeProvider timeProvider, ILogger logger, Action<OutboxSettlement> written, Action batchWritten)
    {
        _outbox = outbox;
        _timeProvider = timeProvider;
        _logger = logger;
        _written = written;
        _batchWritten = batchWritten;
        _writing = Task.Run(WriteAllAsync);
    }

    /// <summary>Settlements queued and not yet written.</summary>
    public int Backlog => Volatile.Read(ref _backlog);

    /// <summary>
    /// Queues <paramref name="settlement"/>; the task completes once it has been written or given up (a failure is
    /// logged here, and the lease then expires so that the SET is delivered again). It never faults.
    /// </summary>
    public Task WriteAsync(OutboxSettlement settlement)
    {
        var pending = new PendingSettlement(settlement, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref _backlog);
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
            Interlocked.Add(ref _backlog, -batch.Count);
            batch.ForEach(p => p.Written.TrySetResult());
            batch.Clear();
            _batchWritten();
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
                settlements.ForEach(_written);
                return;
            }
            catch (Exception exception)
            {
                Log.OutboxSettleFailed(_logger, exception, batch.Count, attempt);
                if (attempt == MaxTries)
                {
                    return; // The leases stay until they expire; the SETs are then delivered again (at least once).
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt), _timeProvider).ConfigureAwait(false);
            }
        }
    }

    private sealed record PendingSettlement(OutboxSettlement Settlement, TaskCompletionSource Written);
}
