using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Delivery.Push;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;

namespace SecEvent.Delivery.Poll;

/// <summary>
/// The recipient side of RFC 8936 poll delivery: polls a transmitter's endpoint, validates each SET, hands the valid ones
/// to an <see cref="ISecurityEventSink"/> once per (<c>iss</c>, <c>jti</c>) while the replay store remembers them, and
/// acknowledges them in the next request — only once the sink has taken them (persist, then acknowledge, POLL-05).
/// SETs that fail validation, or that the sink refuses with a <see cref="Tokens.SecurityEventTokenException"/>, are
/// reported in <c>setErrs</c> with their RFC 8935 code (POLL-08); nothing else is (POLL-02).
/// </summary>
/// <remarks>
/// <para>One round at a time: <see cref="RunAsync"/>, <see cref="PollOnceAsync"/> and <see cref="AcknowledgeAsync"/>
/// must not overlap, and a call that would is refused with <see cref="InvalidOperationException"/>. The acknowledgements
/// a round owes are kept by the instance until a request carrying them is answered, so repeating a request that failed
/// is always safe: acknowledging twice is harmless, and a SET whose response was lost is offered again by the
/// transmitter.</para>
/// <para>The <see cref="HttpClient"/> must not follow redirects (RFC 8936 defines none, and one would turn the POST into a
/// GET); its <see cref="HttpClient.Timeout"/> should be infinite or longer than
/// <see cref="PollClientOptions.AttemptTimeout"/>, since the client times requests out itself.</para>
/// </remarks>
public sealed partial class PollClient
{
    /// <summary>The longest any wait may be: an option, a backoff, or a transmitter's <c>Retry-After</c>.</summary>
    internal static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly HttpClient _httpClient;
    private readonly SecurityEventTokenHandler _handler;
    private readonly SecurityEventTokenValidationParameters _parameters;
    private readonly ISecurityEventSink _sink;
    private readonly ISecurityEventReplayStore _replayStore;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly PollEndpoint _endpoint;
    private readonly string _host;
    private readonly TimeSpan _replayRetention;
    private readonly int? _maxEvents;
    private readonly bool _returnImmediately;
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeSpan _shortPollInterval;
    private readonly TimeSpan _retryBaseDelay;
    private readonly TimeSpan _retryMaxDelay;
    private readonly int? _maxConsecutiveFailures;
    private readonly Polly.ResiliencePipeline _retry;
    private readonly string _contentLanguage;
    private readonly Func<CancellationToken, ValueTask<string?>>? _getAuthorization;
    private readonly TimeSpan _finalAcknowledgeTimeout;
    private readonly int _maximumResponseSize;
    private readonly PollAcknowledgements _pending = new();
    private int _busy;

    /// <summary>Creates a poll client that hands valid SETs to <paramref name="sink"/>.</summary>
    /// <param name="httpClient">Sends the requests; build its handler with <c>AllowAutoRedirect = false</c>.</param>
    /// <param name="options">What is polled and accepted; copied and checked here.</param>
    /// <param name="sink">Persists each accepted SET.</param>
    /// <param name="timeProvider">The clock for validation, timeouts, delays and replay expiry; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logs requests and SETs by <c>jti</c>, <c>iss</c> and host; none when <see langword="null"/>.</param>
    /// <param name="eventTypes">The typed event models; <see cref="SecurityEventTypeRegistry.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">An argument, <see cref="PollClientOptions.Endpoint"/> or <see cref="PollClientOptions.ValidationParameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The endpoint is <c>http</c> without <see cref="PollEndpoint.AllowHttp"/>, or the options are inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public PollClient(
        HttpClient httpClient,
        PollClientOptions options,
        ISecurityEventSink sink,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        SecurityEventTypeRegistry? eventTypes = null)
        : this(httpClient, options, sink, timeProvider, loggerFactory, eventTypes, defaultReplayStore: null)
    {
    }

    /// <summary>Creates a poll client that hands valid SETs to a delegate.</summary>
    /// <param name="httpClient">Sends the requests; build its handler with <c>AllowAutoRedirect = false</c>.</param>
    /// <param name="options">What is polled and accepted; copied and checked here.</param>
    /// <param name="accept">Persists each accepted SET; throws when it cannot.</param>
    /// <param name="timeProvider">The clock for validation, timeouts, delays and replay expiry; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logs requests and SETs by <c>jti</c>, <c>iss</c> and host; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">An argument, <see cref="PollClientOptions.Endpoint"/> or <see cref="PollClientOptions.ValidationParameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The endpoint is <c>http</c> without <see cref="PollEndpoint.AllowHttp"/>, or the options are inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public PollClient(
        HttpClient httpClient,
        PollClientOptions options,
        Func<SecurityEventToken, CancellationToken, ValueTask> accept,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(httpClient, options, new DelegateSecurityEventSink(accept ?? throw new ArgumentNullException(nameof(accept))), timeProvider, loggerFactory)
    {
    }

    /// <summary>The constructor behind both public ones, and dependency injection's, which supplies a registered replay store.</summary>
    internal PollClient(
        HttpClient httpClient,
        PollClientOptions options,
        ISecurityEventSink sink,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory,
        SecurityEventTypeRegistry? eventTypes,
        ISecurityEventReplayStore? defaultReplayStore)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        options.Validate();

        _httpClient = httpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _handler = new SecurityEventTokenHandler(_timeProvider, eventTypes);
        _parameters = options.ValidationParameters;
        _sink = sink;
        _replayStore = options.ReplayStore ?? defaultReplayStore ?? new InMemorySecurityEventReplayStore(_timeProvider);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PollClient>();
        _endpoint = options.Endpoint;
        _host = options.Endpoint.Uri.Host;
        _replayRetention = options.ReplayRetention;
        _maxEvents = options.MaxEvents;
        _returnImmediately = options.ReturnImmediately;
        _attemptTimeout = options.AttemptTimeout;
        _shortPollInterval = options.ShortPollInterval;
        _retryBaseDelay = options.RetryBaseDelay;
        _retryMaxDelay = options.RetryMaxDelay;
        _maxConsecutiveFailures = options.MaxConsecutiveFailures;
        _contentLanguage = options.ContentLanguage;
        _getAuthorization = options.GetAuthorization;
        _finalAcknowledgeTimeout = options.FinalAcknowledgeTimeout;
        _maximumResponseSize = options.MaximumResponseSize;
        _retry = BuildRetry();
    }

    /// <summary>
    /// Polls until <paramref name="cancellationToken"/> is cancelled: each request acknowledges what the last one brought
    /// (RFC 8936 §2.4.3), a response with <c>moreAvailable</c> is followed at once, an empty short poll is followed after
    /// <see cref="PollClientOptions.ShortPollInterval"/>, and transient failures and sink failures after an exponential
    /// backoff.
    /// </summary>
    /// <param name="cancellationToken">Stops the loop. SETs of the current response not yet handed to the sink are left
    /// for the transmitter to offer again; what is owed is then sent in one acknowledge-only request (RFC 8936 §2.4.2,
    /// POLL-07) bounded by <see cref="PollClientOptions.FinalAcknowledgeTimeout"/>, and the method returns.</param>
    /// <returns>A task that completes when the loop has stopped after cancellation.</returns>
    /// <exception cref="PollException">The transmitter refused the requests or broke the protocol, or
    /// <see cref="PollClientOptions.MaxConsecutiveFailures"/> transient failures happened in a row.</exception>
    /// <exception cref="InvalidOperationException">Another round of this client is running.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var round = Enter();
        Log.PollStarted(_logger, _host, _maxEvents, _returnImmediately);
        await LoopAsync(cancellationToken).ConfigureAwait(false);
        await FinalAcknowledgeAsync().ConfigureAwait(false);
        Log.PollStopped(_logger, _host);
    }

    /// <summary>
    /// Runs one round: a poll carrying what is owed from earlier rounds, then each returned SET validated and handed to
    /// the sink. The acknowledgements and errors it produces are sent by the next round (or <see cref="AcknowledgeAsync"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the request, and stops handing the response's SETs to the sink.</param>
    /// <returns>What became of the returned SETs, and whether more are waiting.</returns>
    /// <exception cref="PollException">The request failed; with <see cref="PollFailure.Unavailable"/> it may be repeated,
    /// after <see cref="PollException.RetryAfter"/> when set. What was owed is kept for the next request.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException">Another round of this client is running.</exception>
    public async ValueTask<PollRoundResult> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var round = Enter();
        return await PollCoreAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends what is owed in one acknowledge-only request (<c>maxEvents: 0</c>, <c>returnImmediately: true</c>,
    /// RFC 8936 §2.4.2, POLL-07). Sends nothing when nothing is owed.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes once the transmitter has answered.</returns>
    /// <exception cref="PollException">The request failed; what was owed is kept.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException">Another round of this client is running.</exception>
    public async ValueTask AcknowledgeAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var round = Enter();
        await AcknowledgeCoreAsync(_attemptTimeout, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<PollRoundResult> PollCoreAsync(CancellationToken cancellationToken)
    {
        var owed = _pending.Take();
        var request = new PollRequest
        {
            MaxEvents = _maxEvents,
            ReturnImmediately = _returnImmediately,
            Acknowledgements = owed.Acknowledgements.Count > 0 ? owed.Acknowledgements : null,
            SetErrors = owed.Errors.Count > 0 ? owed.Errors : null,
        };

        using var activity = StartActivity(PollClientInstruments.RequestKinds.Poll, owed);
        try
        {
            var response = await ExchangeAsync(request, PollClientInstruments.RequestKinds.Poll, _attemptTimeout, cancellationToken).ConfigureAwait(false);
            _pending.Settle(owed);
            var result = await ProcessAsync(response, cancellationToken).ConfigureAwait(false);
            if (activity is not null)
            {
                activity.SetTag("secevent.poll.sets", response.Sets.Count);
                activity.SetTag("secevent.poll.accepted", result.Accepted);
                activity.SetTag("secevent.poll.duplicates", result.Duplicates);
                activity.SetTag("secevent.poll.rejected", result.Rejected);
                activity.SetTag("secevent.poll.sink_failed", result.SinkFailed);
                activity.SetTag("secevent.poll.more_available", result.MoreAvailable);
            }

            return result;
        }
        catch (Exception ex)
        {
            PollClientInstruments.Fail(activity, ex);
            throw;
        }
    }

    private async Task AcknowledgeCoreAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var owed = _pending.Take();
        if (owed.IsEmpty)
        {
            return;
        }

        // RFC 8936 §2.4.2: maxEvents 0 asks for no SETs, and returnImmediately keeps the transmitter from holding the request.
        var request = new PollRequest
        {
            MaxEvents = 0,
            ReturnImmediately = true,
            Acknowledgements = owed.Acknowledgements.Count > 0 ? owed.Acknowledgements : null,
            SetErrors = owed.Errors.Count > 0 ? owed.Errors : null,
        };

        using var activity = StartActivity(PollClientInstruments.RequestKinds.Acknowledge, owed);
        try
        {
            var response = await ExchangeAsync(request, PollClientInstruments.RequestKinds.Acknowledge, timeout, cancellationToken).ConfigureAwait(false);
            _pending.Settle(owed);
            if (response.Sets.Count > 0)
            {
                // Not handed over and not acknowledged: the transmitter offers them again to a later poll.
                Log.PollSetsIgnored(_logger, _host, response.Sets.Count);
            }
        }
        catch (Exception ex)
        {
            PollClientInstruments.Fail(activity, ex);
            throw;
        }
    }

    private Activity? StartActivity(string kind, PollAcknowledgements.Pending owed)
    {
        var activity = DeliveryTelemetry.ActivitySource.StartActivity(PollClientInstruments.ActivityName, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("server.address", _host);
            activity.SetTag("secevent.poll.request.kind", kind);
            activity.SetTag("secevent.poll.acks", owed.Acknowledgements.Count);
            activity.SetTag("secevent.poll.set_errs", owed.Errors.Count);
        }

        return activity;
    }

    private Round Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            throw new InvalidOperationException("A PollClient runs one round at a time: RunAsync, PollOnceAsync and AcknowledgeAsync must not overlap.");
        }

        return new Round(this);
    }

    /// <summary>Marks the client busy for one call.</summary>
    private readonly struct Round(PollClient client) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref client._busy, 0);
    }
}
