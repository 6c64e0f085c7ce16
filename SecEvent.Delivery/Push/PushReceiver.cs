using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Push;

/// <summary>
/// The recipient side of RFC 8935 push delivery, independent of any web framework: turns a <see cref="PushRequest"/>
/// into a <see cref="PushResponse"/>, handing each valid SET to an <see cref="ISecurityEventSink"/> exactly once per
/// (<c>iss</c>, <c>jti</c>) while the replay store remembers it. Immutable and thread-safe: keep one instance.
/// </summary>
/// <remarks>
/// Order of checks: method (405), media type (415), declared size (413), transmitter authentication
/// (<c>authentication_failed</c>), body size (413), SET validation (400 with the validator's <c>err</c>), transmitter
/// authorization (<c>access_denied</c>), then delivery: a SET accepted before is answered 202 without reaching the sink
/// (PUSH-04); otherwise the sink takes it and only then is it recorded (PUSH-03); a sink that refuses the SET with a
/// <see cref="SecurityEventTokenException"/> gets 400 with that exception's <c>err</c> and <c>description</c>, and any
/// other sink failure records nothing and answers 500 or 503 so the transmitter retries. Concurrent deliveries of one SET are serialized in this process: the
/// later ones wait for the first and give its answer.
/// </remarks>
public sealed partial class PushReceiver
{
    private readonly SecurityEventTokenHandler _handler;
    private readonly SecurityEventTokenValidationParameters _parameters;
    private readonly ISecurityEventSink _sink;
    private readonly ISecurityEventReplayStore _replayStore;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _replayRetention;
    private readonly int _maximumRequestSize;
    private readonly string _contentLanguage;
    private readonly Func<PushRequest, CancellationToken, ValueTask<PushAuthorizationResult>>? _authenticate;
    private readonly Func<PushRequest, SecurityEventToken, CancellationToken, ValueTask<PushAuthorizationResult>>? _authorize;
    private readonly PushAuthorizationFailureStyle _failureStyle;
    private readonly string _challenge;
    private readonly int _sinkFailureStatusCode;
    private readonly ConcurrentDictionary<(string Issuer, string JwtId), Task<PushResponse?>> _inFlight = new();

    /// <summary>Creates a receiver that hands valid SETs to <paramref name="sink"/>.</summary>
    /// <param name="options">What is accepted; copied and checked here.</param>
    /// <param name="sink">Persists each accepted SET.</param>
    /// <param name="timeProvider">The clock for validation and replay expiry; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logs accepted and refused SETs by <c>jti</c> and <c>iss</c>; none when <see langword="null"/>.</param>
    /// <param name="eventTypes">The typed event models; <see cref="Tokens.Events.SecurityEventTypeRegistry.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">An argument or <see cref="PushReceiverOptions.ValidationParameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public PushReceiver(
        PushReceiverOptions options,
        ISecurityEventSink sink,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        Tokens.Events.SecurityEventTypeRegistry? eventTypes = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options.ValidationParameters, nameof(options));
        if (options.ValidationParameters.ReplayCache is not null)
        {
            throw new ArgumentException(
                "ValidationParameters.ReplayCache must be null: a push receiver answers repeats with 202 (RFC 8935 §2) through its ReplayStore.",
                nameof(options));
        }

        UsableParameters.Ensure(options.ValidationParameters, nameof(options));

        if (options.MaximumRequestSize < 1)
        {
            throw new ArgumentException("MaximumRequestSize must be positive.", nameof(options));
        }

        if (options.ReplayRetention <= TimeSpan.Zero)
        {
            throw new ArgumentException("ReplayRetention must be positive.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.ContentLanguage))
        {
            throw new ArgumentException("ContentLanguage is required (RFC 8935 §2.3).", nameof(options));
        }

        if (options.SinkFailureStatusCode is not (500 or 503))
        {
            throw new ArgumentException("SinkFailureStatusCode must be 500 or 503.", nameof(options));
        }

        if (!Enum.IsDefined(options.AuthorizationFailureStyle))
        {
            throw new ArgumentException("AuthorizationFailureStyle is not a defined value.", nameof(options));
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
        _handler = new SecurityEventTokenHandler(_timeProvider, eventTypes);
        _parameters = options.ValidationParameters;
        _sink = sink;
        _replayStore = options.ReplayStore ?? new InMemorySecurityEventReplayStore(_timeProvider);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PushReceiver>();
        _replayRetention = options.ReplayRetention;
        _maximumRequestSize = options.MaximumRequestSize;
        _contentLanguage = options.ContentLanguage;
        _authenticate = options.AuthenticateTransmitter;
        _authorize = options.AuthorizeTransmitter;
        _failureStyle = options.AuthorizationFailureStyle;
        _challenge = options.AuthenticationChallenge;
        _sinkFailureStatusCode = options.SinkFailureStatusCode;
    }

    /// <summary>Creates a receiver that hands valid SETs to a delegate.</summary>
    /// <param name="options">What is accepted; copied and checked here.</param>
    /// <param name="accept">Persists each accepted SET; throws when it cannot.</param>
    /// <param name="timeProvider">The clock for validation and replay expiry; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logs accepted and refused SETs by <c>jti</c> and <c>iss</c>; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">An argument or <see cref="PushReceiverOptions.ValidationParameters"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public PushReceiver(
        PushReceiverOptions options,
        Func<SecurityEventToken, CancellationToken, ValueTask> accept,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(options, new DelegateSecurityEventSink(accept ?? throw new ArgumentNullException(nameof(accept))), timeProvider, loggerFactory)
    {
    }

    /// <summary>Answers one push request.</summary>
    /// <param name="request">The request as the host received it.</param>
    /// <param name="cancellationToken">The request's abort signal; passed to the body read, the hooks, the validator and the sink.</param>
    /// <returns>The response to write back.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<PushResponse> ReceiveAsync(PushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = DeliveryTelemetry.ActivitySource.StartActivity(PushReceiverTelemetry.ActivityName, ActivityKind.Server);
        var started = _timeProvider.GetTimestamp();
        PushResponse response;
        try
        {
            response = await ReceiveCoreAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            Log.PushReceiveFailed(_logger, ex);
            response = Empty(500, PushReceiverTelemetry.Outcomes.Error);
        }

        PushReceiverTelemetry.Record(activity, response, _timeProvider.GetElapsedTime(started));
        return response;
    }

    private async ValueTask<PushResponse> ReceiveCoreAsync(PushRequest request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            Log.PushMethodNotAllowed(_logger);
            return Empty(405, PushReceiverTelemetry.Outcomes.MethodNotAllowed, ("Allow", "POST"));
        }

        if (!IsSecurityEventJwt(request.ContentType))
        {
            Log.PushUnsupportedMediaType(_logger);
            return Empty(415, PushReceiverTelemetry.Outcomes.UnsupportedMediaType, ("Accept", SecurityEventMediaTypes.SecurityEventJwt));
        }

        if (request.ContentLength > _maximumRequestSize)
        {
            Log.PushRequestTooLarge(_logger, _maximumRequestSize);
            return Empty(413, PushReceiverTelemetry.Outcomes.TooLarge);
        }

        if (_authenticate is not null)
        {
            var verdict = await _authenticate(request, cancellationToken).ConfigureAwait(false);
            if (!verdict.Succeeded)
            {
                Log.PushAuthenticationFailed(_logger, verdict.Description);
                return AuthorizationRefusal(SecurityEventErrorCodes.AuthenticationFailed, verdict.Description, token: null);
            }
        }

        var body = await ReadBodyAsync(request.Body, request.ContentLength, cancellationToken).ConfigureAwait(false);
        if (body.TooLarge)
        {
            Log.PushRequestTooLarge(_logger, _maximumRequestSize);
            return Empty(413, PushReceiverTelemetry.Outcomes.TooLarge);
        }

        if (body.Token is null)
        {
            return Refused(new SecurityEventError(SecurityEventErrorCodes.InvalidRequest, "The request body is not UTF-8 text (RFC 8935 §2.1)."));
        }

        var result = await _handler.ValidateTokenAsync(body.Token, _parameters, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return Refused(result.Error);
        }

        var token = result.Token;
        if (_authorize is not null)
        {
            var verdict = await _authorize(request, token, cancellationToken).ConfigureAwait(false);
            if (!verdict.Succeeded)
            {
                Log.PushAccessDenied(_logger, token.JwtId, token.Issuer, verdict.Description);
                return AuthorizationRefusal(SecurityEventErrorCodes.AccessDenied, verdict.Description, token);
            }
        }

        return await DeliverAsync(token, cancellationToken).ConfigureAwait(false);
    }

    private PushResponse Refused(SecurityEventError error, SecurityEventToken? token = null)
    {
        Log.PushRefused(_logger, error.Code, error.Description);
        return ErrorResponse(400, error, PushReceiverTelemetry.Outcomes.Refused, token);
    }
}
