using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Outbox;

/// <summary>
/// Delivers what an <see cref="ISecurityEventOutbox"/> holds: leases due SETs, pushes them through a
/// <see cref="PushClient"/> with bounded concurrency per destination, and settles each lease — delivered on 202,
/// dead-lettered when rejected or too old, otherwise retried no sooner than the recipient's <c>Retry-After</c>.
/// </summary>
/// <remarks>
/// <para>Host <see cref="RunAsync"/> in any background service. Several dispatchers, in one process or many, may share
/// one durable outbox: leases keep them apart. A dispatcher that crashes leaves its leases to expire, and the SETs are
/// delivered again (at least once; recipients deduplicate by <c>jti</c>, RFC 8935 §2).</para>
/// <para>One run at a time per instance.</para>
/// </remarks>
public sealed class OutboxDispatcher
{
    private readonly ISecurityEventOutbox _outbox;
    private readonly PushClient _client;
    private readonly OutboxDispatcherOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private int _running;

    /// <summary>Creates a dispatcher.</summary>
    /// <param name="outbox">Where the SETs wait.</param>
    /// <param name="client">The client that pushes them; its own retries run inside each attempt the outbox records.</param>
    /// <param name="options">Concurrency, leases, retries and the endpoint resolver. Checked here.</param>
    /// <param name="logger">Where retries, dead letters and faults are logged; <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock for leases, retries and ages; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException"><see cref="OutboxDispatcherOptions.ResolveEndpoint"/> is missing.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public OutboxDispatcher(ISecurityEventOutbox outbox, PushClient client, OutboxDispatcherOptions options, ILogger<OutboxDispatcher>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(client.Options);
        _outbox = outbox;
        _client = client;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Delivers SETs as they become due until <paramref name="cancellationToken"/> is cancelled; then stops pushing,
    /// returns the leases of SETs it has not finished, writes what it has, and completes without an exception.
    /// </summary>
    /// <param name="cancellationToken">Stops the dispatcher.</param>
    /// <returns>A task that completes once the dispatcher has stopped.</returns>
    /// <exception cref="InvalidOperationException">The dispatcher is already running.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunCoreAsync(untilEmpty: false, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal end of a run.
        }
    }

    /// <summary>
    /// Delivers SETs until none is pending: each delivered or dead-lettered, retries waited for. For command-line tools,
    /// batch jobs and tests.
    /// </summary>
    /// <param name="cancellationToken">Stops the dispatcher before the outbox is empty.</param>
    /// <returns>A task that completes once the outbox holds no pending SET.</returns>
    /// <exception cref="InvalidOperationException">The dispatcher is already running.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task DrainAsync(CancellationToken cancellationToken = default) => RunCoreAsync(untilEmpty: true, cancellationToken);

    private async Task RunCoreAsync(bool untilEmpty, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("The dispatcher is already running.");
        }

        try
        {
            var run = new OutboxDispatchRun(_outbox, _client, _options, _logger, _timeProvider);
            await run.RunAsync(untilEmpty, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
