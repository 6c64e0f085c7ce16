using Microsoft.Extensions.Logging;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Outbox;

/// <summary>
/// One run of an <see cref="OutboxDispatcher"/>: the lease loop, the SETs it holds and their pushes, and the writer that
/// settles them.
/// </summary>
internal sealed partial class OutboxDispatchRun
{
    private readonly ISecurityEventOutbox _outbox;
    private readonly PushClient _client;
    private readonly OutboxDispatcherOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly OutboxLanes _lanes;
    private readonly OutboxRetrySchedule _schedule;
    private readonly OutboxSettlementWriter _writer;
    private readonly List<Task> _pushes = [];
    private readonly int _leaseThreshold;
    private readonly int _maxBacklog;

    // Completed by a push that leaves room for a lease, or by a settlement write; the loop replaces it before each look.
    private TaskCompletionSource _wake = NewSignal();

    public OutboxDispatchRun(ISecurityEventOutbox outbox, PushClient client, OutboxDispatcherOptions options, ILogger logger, TimeProvider timeProvider)
    {
        _outbox = outbox;
        _client = client;
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
        _lanes = new OutboxLanes(options.MaxConcurrencyPerDestination);
        _schedule = new OutboxRetrySchedule(options);
        _writer = new OutboxSettlementWriter(outbox, timeProvider, logger, OnWritten, WakeLoop);
        _maxBacklog = 4 * options.MaxConcurrency;

        // While SETs keep coming, lease again only once a quarter of the slots are free: one lease call (a transaction
        // in a durable store) then serves many SETs.
        _leaseThreshold = Math.Max(1, Math.Min(options.LeaseBatchSize, options.MaxConcurrency) / 4);
    }

    public async Task RunAsync(bool untilEmpty, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var reading = OutboxInstruments.Track(_options.Name, _timeProvider);
        try
        {
            var released = _options.ReleaseLeasesOnStart ? await _outbox.ReleaseAllLeasesAsync(cancellationToken).ConfigureAwait(false) : 0;
            Log.OutboxDispatcherStarted(_logger, _options.Name, released);
            await LeaseLoopAsync(untilEmpty, reading, stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            // Pushes in flight see the cancellation and release their leases; queued ones are released unpushed.
            await stopping.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(_pushes).ConfigureAwait(false);
            await _writer.CloseAsync().ConfigureAwait(false);
            Log.OutboxDispatcherStopped(_logger, _options.Name);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task LeaseLoopAsync(bool untilEmpty, OutboxGaugeReading reading, CancellationToken stopping)
    {
        var mayBeDue = true;
        var wakeAt = DateTimeOffset.MinValue;
        var statisticsAt = DateTimeOffset.MinValue;
        while (true)
        {
            stopping.ThrowIfCancellationRequested();

            // Both signals are taken before looking for work, so that an enqueue or a finished push in between wakes us.
            var enqueued = _outbox.WaitForEnqueueAsync(CancellationToken.None);
            var freed = NewSignal();
            Volatile.Write(ref _wake, freed);
            _pushes.RemoveAll(t => t.IsCompleted);

            var now = _timeProvider.GetUtcNow();
            if (now >= statisticsAt)
            {
                await ReadStatisticsAsync(reading, stopping).ConfigureAwait(false);
                statisticsAt = now + _options.StatisticsInterval;
            }

            mayBeDue |= now >= wakeAt;
            // Free slots count pushes only: SETs queued behind a full destination must not starve the others. The queue
            // itself stays below one batch.
            var active = _lanes.Active;
            var free = _options.MaxConcurrency - active;
            if (mayBeDue && free > 0 && (free >= _leaseThreshold || active == 0) && _lanes.Waiting < _options.LeaseBatchSize)
            {
                var asked = Math.Min(free, _options.LeaseBatchSize);
                var leased = await LeaseAsync(asked, now, stopping).ConfigureAwait(false);
                if (leased is null)
                {
                    await DelayAsync(_options.IdlePollInterval, stopping).ConfigureAwait(false);
                    continue;
                }

                if (leased.Count == asked)
                {
                    continue; // More may be due.
                }

                mayBeDue = false;
                wakeAt = await NextWakeAsync(now, stopping).ConfigureAwait(false);
            }

            if (untilEmpty && !mayBeDue && _lanes.Active == 0 && _lanes.Waiting == 0 && await IsEmptyAsync(reading, stopping).ConfigureAwait(false))
            {
                return;
            }

            var timeout = mayBeDue ? _options.IdlePollInterval : wakeAt - now;
            if (statisticsAt - now < timeout)
            {
                timeout = statisticsAt - now; // The gauges stay as fresh as promised, even when nothing happens.
            }

            var woke = await WaitAnyAsync(enqueued, freed.Task, timeout, stopping).ConfigureAwait(false);
            // A settled push may have made SETs due: the next of its ordering key, a released or a quickly retried one.
            mayBeDue |= woke == enqueued || woke == freed.Task;
        }
    }

    private async Task<IReadOnlyList<OutboxMessage>?> LeaseAsync(int count, DateTimeOffset now, CancellationToken stopping)
    {
        IReadOnlyList<OutboxMessage> leased;
        try
        {
            leased = await _outbox.LeaseAsync(count, now, _options.LeaseDuration, _lanes.Saturated(), stopping).ConfigureAwait(false);
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            Log.OutboxLeaseFailed(_logger, exception, _options.Name, _options.IdlePollInterval);
            return null;
        }

        var leaseEndsAt = now + _options.LeaseDuration;
        foreach (var message in leased)
        {
            var held = new HeldMessage(message, leaseEndsAt);
            if (_lanes.TryStart(held))
            {
                _pushes.Add(PushLaneAsync(held, stopping));
            }
        }

        return leased;
    }

    private async Task<DateTimeOffset> NextWakeAsync(DateTimeOffset now, CancellationToken stopping)
    {
        var poll = now + _options.IdlePollInterval;
        DateTimeOffset? next;
        try
        {
            next = await _outbox.NextDueAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            Log.OutboxLeaseFailed(_logger, exception, _options.Name, _options.IdlePollInterval);
            return poll;
        }

        // A SET due already but not leased waits for a full destination: a finished push, not the clock, lets it go.
        return next is { } due && due > now && due < poll ? due : poll;
    }

    private async Task<bool> IsEmptyAsync(OutboxGaugeReading reading, CancellationToken stopping)
    {
        await ReadStatisticsAsync(reading, stopping).ConfigureAwait(false);
        return reading.Statistics.Pending == 0;
    }

    private async Task ReadStatisticsAsync(OutboxGaugeReading reading, CancellationToken stopping)
    {
        try
        {
            reading.Statistics = await _outbox.GetStatisticsAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            Log.OutboxStatisticsFailed(_logger, exception, _options.Name);
        }
    }

    private async Task<Task> WaitAnyAsync(Task enqueued, Task freed, TimeSpan timeout, CancellationToken stopping)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var delay = Task.Delay(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, _timeProvider, wait.Token);
        var woke = await Task.WhenAny(enqueued, freed, delay).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false); // Drops the timer at once rather than when it fires.
        return woke;
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, _timeProvider, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The loop sees the cancellation.
        }
    }
}
