using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Outbox;

/// <summary>How an <see cref="OutboxDispatcher"/> leases, delivers, retries and gives up.</summary>
public sealed class OutboxDispatcherOptions
{
    /// <summary>
    /// Turns an <see cref="OutboxItem.Destination"/> into the endpoint to push to, with its current credential, each time
    /// a SET is delivered; <see langword="null"/> when the destination no longer exists (the SET is dead-lettered).
    /// Required. An exception counts as a failed attempt and is retried.
    /// </summary>
    public Func<string, CancellationToken, ValueTask<PushEndpoint?>>? ResolveEndpoint { get; set; }

    /// <summary>A name for this outbox in metrics (the <c>secevent.outbox.name</c> tag). The default is <c>default</c>.</summary>
    public string Name { get; set; } = "default";

    /// <summary>The most SETs leased and not yet settled at once, over all destinations. The default is 64.</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>The most pushes in flight to one destination at once. The default is 16.</summary>
    public int MaxConcurrencyPerDestination { get; set; } = 16;

    /// <summary>How many SETs one lease call takes at most. The default is 256.</summary>
    public int LeaseBatchSize { get; set; } = 256;

    /// <summary>
    /// How long a leased SET stays with this dispatcher before another may take it, as after a crash. Must exceed the
    /// push client's <see cref="PushClientOptions.TotalTimeout"/>; the default is 5 minutes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long after its enqueue a SET that keeps failing is still retried; then it is dead-lettered. The default is
    /// 24 hours.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The wait before the outbox's first retry of a failed push, doubled each time. The default is 5 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between the outbox's retries. The default is 10 minutes.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often an idle dispatcher looks for SETs that other processes enqueued; enqueues through the same outbox
    /// instance wake it at once. The default is 1 second.
    /// </summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the outbox's size is read for the metrics. The default is 5 seconds.</summary>
    public TimeSpan StatisticsInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether to return every lease when the dispatcher starts, so that SETs a crashed run had leased are delivered at
    /// once instead of when their leases expire. Only for the outbox's sole dispatcher: it would take SETs from a live
    /// one. The default is <see langword="false"/>.
    /// </summary>
    public bool ReleaseLeasesOnStart { get; set; }

    /// <summary>
    /// Called after each settlement is durable: a SET delivered, scheduled for retry, dead-lettered or released. For
    /// progress and counts; it runs on the task that writes settlements, one at a time and in the order written, so it
    /// must be quick; an exception from it is logged and ignored.
    /// </summary>
    public Action<OutboxSettlement>? Settled { get; set; }

    internal void Validate(PushClientOptions client)
    {
        if (ResolveEndpoint is null)
        {
            throw Invalid(nameof(ResolveEndpoint), "OutboxDispatcherOptions.ResolveEndpoint is required.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConcurrency, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConcurrencyPerDestination, nameof(MaxConcurrencyPerDestination));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LeaseBatchSize, nameof(LeaseBatchSize));
        Positive(MaxAge, nameof(MaxAge));
        Positive(RetryBaseDelay, nameof(RetryBaseDelay));
        Positive(IdlePollInterval, nameof(IdlePollInterval));
        Positive(StatisticsInterval, nameof(StatisticsInterval));
        if (RetryMaxDelay < RetryBaseDelay)
        {
            throw OutOfRange(nameof(RetryMaxDelay), RetryMaxDelay, "RetryMaxDelay must not be shorter than RetryBaseDelay.");
        }

        // A lease that ends while its push is still running would let another dispatcher send the same SET at once.
        if (LeaseDuration <= client.TotalTimeout)
        {
            throw OutOfRange(nameof(LeaseDuration), LeaseDuration, $"LeaseDuration must exceed the push client's TotalTimeout ({client.TotalTimeout}).");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw OutOfRange(name, value, "The value must be positive.");
        }
    }

    private static ArgumentException Invalid(string name, string message) => new(message, name);

    private static ArgumentOutOfRangeException OutOfRange(string name, object value, string message) => new(name, value, message);
}
