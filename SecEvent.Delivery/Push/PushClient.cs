using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Push;

/// <summary>
/// The transmitter side of RFC 8935: POSTs one SET to a recipient's push endpoint, retries recoverable failures through a
/// Polly pipeline kept per endpoint, and reports whether the recipient accepted, rejected, or never judged the SET.
/// </summary>
/// <remarks>
/// <para>Thread-safe. Keep one instance (or register it with
/// <see cref="PushServiceCollectionExtensions.AddSecurityEventPushClient"/>): circuits live with the instance.</para>
/// <para>The <see cref="HttpClient"/> must not follow redirects (a redirect would turn the POST into a GET, and RFC 8935
/// defines none); its <see cref="HttpClient.Timeout"/> should be infinite or longer than
/// <see cref="PushClientOptions.TotalTimeout"/>, since the pipeline times attempts out itself.</para>
/// </remarks>
public sealed partial class PushClient
{
    private readonly HttpClient _httpClient;
    private readonly PushPipelineProvider _pipelines;
    private readonly ILogger _logger;

    /// <summary>Creates a push client over an <see cref="HttpClient"/> the caller owns.</summary>
    /// <param name="httpClient">The client that sends requests; build its handler with <c>AllowAutoRedirect = false</c>.</param>
    /// <param name="options">Timeouts, retries and circuit breaker; <see langword="null"/> for the defaults. Checked here.</param>
    /// <param name="logger">Where attempts, retries and outcomes are logged; <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock for delays, timeouts and <c>Retry-After</c> dates; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public PushClient(HttpClient httpClient, PushClientOptions? options = null, ILogger<PushClient>? logger = null, TimeProvider? timeProvider = null)
        : this(httpClient, new PushPipelineProvider(options ?? new PushClientOptions(), timeProvider ?? TimeProvider.System, (ILogger?)logger ?? NullLogger.Instance))
    {
    }

    internal PushClient(HttpClient httpClient, PushPipelineProvider pipelines)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _pipelines = pipelines;
        _logger = pipelines.Logger;
    }

    /// <summary>The options the client was built with, for an outbox to size its leases.</summary>
    internal PushClientOptions Options => _pipelines.Options;

    /// <summary>Pushes one SET to <paramref name="endpoint"/> (RFC 8935 §2.1) and waits for the recipient's verdict.</summary>
    /// <param name="set">The SET as a compact JWS or JWE; sent as the body, unchanged.</param>
    /// <param name="endpoint">The recipient's endpoint.</param>
    /// <param name="cancellationToken">Stops the push; cancellation is never retried.</param>
    /// <returns>
    /// <see cref="PushOutcome.Delivered"/> on <c>202</c> only (RFC 8935 §2.2 prescribes 202; another 2xx is
    /// <see cref="PushOutcome.Failed"/> without retry: the recipient did not speak the protocol, and the transmitter
    /// cannot know it holds the SET); <see cref="PushOutcome.Rejected"/> on <c>400</c> with its <c>err</c>;
    /// <see cref="PushOutcome.Failed"/> otherwise.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="set"/> is empty, or the endpoint is <c>http</c> without <see cref="PushEndpoint.AllowHttp"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<PushResult> PushAsync(string set, PushEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(set);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Uri.Scheme != Uri.UriSchemeHttps && !endpoint.AllowHttp)
        {
            throw new ArgumentException("RFC 8935 §5.3 requires TLS: the push endpoint must be https, unless PushEndpoint.AllowHttp is set.", nameof(endpoint));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var host = endpoint.Uri.Host;
        var started = _pipelines.TimeProvider.GetTimestamp();
        var push = new PushContext(_httpClient, endpoint, Encoding.UTF8.GetBytes(set), set, _pipelines.Options.MaxErrorBodyBytes, _pipelines.Options.AcceptLanguage, _logger, started);
        var pipeline = _pipelines.GetPipeline(endpoint);

        using var activity = DeliveryTelemetry.ActivitySource.StartActivity("secevent.push", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("server.address", host);
            activity.SetTag("secevent.jti", push.Jti);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(PushContext.Key, push);
        PushResult result;
        try
        {
            using var response = await pipeline.ExecuteAsync(static (ctx, state) => SendOnceAsync(ctx, state), context, push).ConfigureAwait(false);
            result = Classify(response, push, _pipelines.TimeProvider.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            throw;
        }
        catch (Exception ex) when (IsDeliveryFailure(ex))
        {
            result = PushResult.Failed(ex, push.Attempts, _pipelines.TimeProvider.GetElapsedTime(started)).After(push.RetryAfter);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        Report(result, push, host, activity);
        return result;
    }

    private static PushResult Classify(HttpResponseMessage response, PushContext push, TimeSpan duration) => response.StatusCode switch
    {
        HttpStatusCode.Accepted => PushResult.Delivered(push.Attempts, duration),
        HttpStatusCode.BadRequest => response.Content is BufferedErrorContent { Error: var error }
            ? PushResult.Rejected(error.Code, error.Description, push.Attempts, duration).After(push.RetryAfter)
            : PushResult.Rejected(null, null, push.Attempts, duration),
        var status => PushResult.Failed(status, push.Attempts, duration).After(push.RetryAfter),
    };

    private static bool IsDeliveryFailure(Exception exception) =>
        exception is HttpRequestException or IOException or ExecutionRejectedException or OperationCanceledException;

    private void Report(PushResult result, PushContext push, string host, Activity? activity)
    {
        var outcome = OutcomeTag(result.Outcome);
        var err = result.Outcome == PushOutcome.Rejected ? PushClientInstruments.ErrTag(result.ErrorCode) : null;
        PushClientInstruments.RecordOutcome(host, outcome, err, result.Duration);

        activity?.SetTag("secevent.push.outcome", outcome);
        activity?.SetTag("secevent.push.attempts", result.Attempts);
        switch (result.Outcome)
        {
            case PushOutcome.Delivered:
                if (_logger.IsEnabled(LogLevel.Information))
                {
                    Log.PushDelivered(_logger, push.Jti, host, result.Attempts);
                }

                break;
            case PushOutcome.Rejected:
                activity?.SetTag("secevent.push.err", err);
                activity?.SetStatus(ActivityStatusCode.Error, result.ErrorCode ?? "rejected");
                Log.PushRejected(_logger, push.Jti, host, result.ErrorCode, result.ErrorDescription, result.Attempts);
                break;
            default:
                var cause = result.StatusCode is { } status ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : result.Exception?.GetType().Name;
                activity?.SetStatus(ActivityStatusCode.Error, cause);
                Log.PushFailed(_logger, result.Exception, push.Jti, host, cause, result.Attempts);
                break;
        }
    }

    private static string OutcomeTag(PushOutcome outcome) => outcome switch
    {
        PushOutcome.Delivered => "delivered",
        PushOutcome.Rejected => "rejected",
        _ => "failed",
    };
}
