using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Delivery.Outbox;

namespace SecEvent.Delivery.Poll;

/// <summary>
/// The transmitter side of RFC 8936 poll delivery, independent of any web framework: turns a
/// <see cref="PollEndpointRequest"/> into a <see cref="PollEndpointResponse"/>, applying the recipient's acknowledgements
/// and errors to an <see cref="ISecurityEventPollQueue"/> and answering with the SETs waiting on the stream. Immutable and
/// thread-safe: keep one instance.
/// </summary>
/// <remarks>
/// <para>Order of checks: method (405), media type (415), declared size (413), the authorization hook (401 with
/// <c>WWW-Authenticate</c>, or 403), body size (413), then the body, which must be a well-formed poll request (400,
/// POLL-10), with <c>Content-Language</c> when it carries <c>setErrs</c> (POLL-11).</para>
/// <para>Then <c>ack</c> and <c>setErrs</c> are applied, before any SET is leased, so that a SET acknowledged in this
/// request is never offered in its response. Up to <c>maxEvents</c> (bounded by <see cref="PollTransmitterOptions.MaxEvents"/>)
/// SETs are leased for <see cref="PollTransmitterOptions.RedeliveryDelay"/> and returned keyed by <c>jti</c>; a SET older
/// than <see cref="PollTransmitterOptions.MaxAge"/> or offered <see cref="PollTransmitterOptions.MaxOffers"/> times is
/// dead-lettered instead. When none is waiting and <c>returnImmediately</c> is not <see langword="true"/>, the request is
/// held until one is enqueued or <see cref="PollTransmitterOptions.LongPollTimeout"/> passes (POLL-09); an
/// acknowledge-only request (<c>maxEvents: 0</c>) is held too unless it asks to return at once (POLL-07).</para>
/// <para>A request cancelled by its caller (the recipient went away) throws <see cref="OperationCanceledException"/>; SETs
/// leased for it by then are given back at once, and a response lost after it was returned is offered again when its
/// lease ends.</para>
/// </remarks>
public sealed partial class PollTransmitter
{
    private readonly ISecurityEventPollQueue _queue;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly int _maxEvents;
    private readonly TimeSpan _longPollTimeout;
    private readonly TimeSpan _redeliveryDelay;
    private readonly TimeSpan _maxAge;
    private readonly int? _maxOffers;
    private readonly int _maximumRequestSize;
    private readonly Func<PollEndpointRequest, CancellationToken, ValueTask<PollAuthorizationResult>>? _authorize;
    private readonly string _challenge;
    private readonly Func<string, IReadOnlyDictionary<string, PollSetError>, CancellationToken, ValueTask>? _setErrorsReported;
    private readonly TimeSpan _recheckInterval;
    private readonly string _contentLanguage;

    /// <summary>Creates a transmitter that serves the streams of <paramref name="queue"/>.</summary>
    /// <param name="queue">Where the SETs wait: an outbox whose destinations are the poll streams.</param>
    /// <param name="options">How polls are answered; copied and checked here.</param>
    /// <param name="timeProvider">The clock for leases, ages and long polls; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logs by stream and <c>jti</c>; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="queue"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public PollTransmitter(ISecurityEventPollQueue queue, PollTransmitterOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(options);
        Check(options.MaxEvents >= 1, "MaxEvents must be positive.");
        Check(options.LongPollTimeout >= TimeSpan.Zero && options.LongPollTimeout <= TimeSpan.FromDays(1), "LongPollTimeout must be between zero and one day.");
        Check(options.RedeliveryDelay > TimeSpan.Zero, "RedeliveryDelay must be positive.");
        Check(options.MaxAge > TimeSpan.Zero, "MaxAge must be positive.");
        Check(options.MaxOffers is null or >= 1, "MaxOffers must be positive or null.");
        Check(options.MaximumRequestSize >= 1 && options.MaximumRequestSize < Array.MaxLength, "MaximumRequestSize must be positive and less than Array.MaxLength.");
        Check(!string.IsNullOrWhiteSpace(options.AuthenticationChallenge), "AuthenticationChallenge is required (RFC 8936 §3).");
        Check(options.RecheckInterval > TimeSpan.Zero, "RecheckInterval must be positive.");
        Check(!string.IsNullOrWhiteSpace(options.ContentLanguage), "ContentLanguage is required.");

        _queue = queue;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PollTransmitter>();
        _maxEvents = options.MaxEvents;
        _longPollTimeout = options.LongPollTimeout;
        _redeliveryDelay = options.RedeliveryDelay;
        _maxAge = options.MaxAge;
        _maxOffers = options.MaxOffers;
        _maximumRequestSize = options.MaximumRequestSize;
        _authorize = options.AuthorizeReceiver;
        _challenge = options.AuthenticationChallenge;
        _setErrorsReported = options.SetErrorsReported;
        _recheckInterval = options.RecheckInterval;
        _contentLanguage = options.ContentLanguage;

        static void Check(bool valid, string message)
        {
            if (!valid)
            {
                throw new ArgumentException(message, nameof(options));
            }
        }
    }

    /// <summary>Answers one poll request.</summary>
    /// <param name="request">The request as the host received it, with the stream it polls.</param>
    /// <param name="cancellationToken">The request's abort signal: it ends a long poll and gives back what was leased for it.</param>
    /// <returns>The response to write back.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or its body is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The request names no stream.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<PollEndpointResponse> HandleAsync(PollEndpointRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Body, nameof(request));
        if (string.IsNullOrEmpty(request.StreamId))
        {
            throw new ArgumentException("The request names no stream.", nameof(request));
        }

        var stream = request.StreamId;
        using var activity = DeliveryTelemetry.ActivitySource.StartActivity(PollTransmitterInstruments.ActivityName, ActivityKind.Server);
        PollEndpointResponse response;
        try
        {
            response = await HandleCoreAsync(request, stream, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            PollTransmitterInstruments.RecordGone(activity, stream);
            throw;
        }
        catch (Exception ex)
        {
            Log.PollRequestFailed(_logger, ex, stream);
            response = Empty(500, PollTransmitterInstruments.Outcomes.Error);
        }

        PollTransmitterInstruments.Record(activity, stream, response);
        return response;
    }

    /// <summary>
    /// Enqueues SETs for a stream, in order, in one transaction: a convenience over
    /// <see cref="ISecurityEventOutbox.EnqueueAsync"/> that checks each SET can be keyed by its <c>jti</c>.
    /// </summary>
    /// <param name="stream">The stream, as <see cref="PollEndpointRequest.StreamId"/> will name it.</param>
    /// <param name="sets">Signed SETs, each a compact JWS whose payload carries a <c>jti</c>. An encrypted SET's <c>jti</c>
    /// cannot be read here: enqueue it with <c>new OutboxItem(set, stream, jti: …)</c>.</param>
    /// <param name="cancellationToken">Stops the call before the commit.</param>
    /// <returns>The ids the outbox gave the SETs.</returns>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is empty, or a SET is empty or has no readable <c>jti</c>; none is stored.</exception>
    public async ValueTask<IReadOnlyList<long>> PublishAsync(string stream, IReadOnlyList<string> sets, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(sets);
        var items = new OutboxItem[sets.Count];
        for (var i = 0; i < sets.Count; i++)
        {
            if (string.IsNullOrEmpty(sets[i]))
            {
                throw new ArgumentException($"SET {i} is null or empty; none was stored.", nameof(sets));
            }

            items[i] = new OutboxItem(sets[i], stream);
            if (items[i].Jti is null)
            {
                throw new ArgumentException(
                    $"SET {i} is not a compact JWS whose payload carries a jti, which a poll response keys it by (RFC 8936 §2.3); none was stored. " +
                    "Enqueue an encrypted SET with new OutboxItem(set, stream, jti: …).",
                    nameof(sets));
            }
        }

        return await _queue.EnqueueAsync(items, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<PollEndpointResponse> HandleCoreAsync(PollEndpointRequest request, string stream, CancellationToken cancellationToken)
    {
        if (await CheckRequestAsync(request, stream, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        var body = await ReadBodyAsync(request.Body, request.ContentLength, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            Log.PollRequestTooLarge(_logger, _maximumRequestSize);
            return Empty(413, PollTransmitterInstruments.Outcomes.TooLarge);
        }

        if (!PollRequest.TryParse(body, out var poll, out var error))
        {
            return Invalid(stream, error);
        }

        if (poll.SetErrors is { Count: > 0 } && string.IsNullOrWhiteSpace(request.ContentLanguage))
        {
            return Invalid(stream, "A request with setErrs must carry Content-Language, the language of its descriptions (RFC 8936 §2.6).");
        }

        // Acknowledgements and errors first: a SET acknowledged here is never offered in this response.
        var acknowledged = await AcknowledgeAsync(stream, poll, cancellationToken).ConfigureAwait(false);
        var rejected = await RejectAsync(stream, poll, cancellationToken).ConfigureAwait(false);
        var offer = await OfferAsync(stream, poll, cancellationToken).ConfigureAwait(false);
        return Delivered(stream, offer, acknowledged, rejected);
    }
}
