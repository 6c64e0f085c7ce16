using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Push;

/// <summary>
/// Builds and keeps one resilience pipeline per push endpoint, so that one failing recipient opens only its own circuit.
/// A singleton under dependency injection: typed clients are transient, their endpoints' circuits must not be.
/// </summary>
/// <remarks>
/// Endpoints are keyed by URI and a SHA-256 of the <c>Authorization</c> value, so the cache holds no credential. Pipelines
/// are never evicted: a credential rotation adds one entry.
/// </remarks>
internal sealed class PushPipelineProvider
{
    private readonly ConcurrentDictionary<string, Lazy<ResiliencePipeline<HttpResponseMessage>>> _pipelines = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    public PushPipelineProvider(PushClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        TimeProvider = timeProvider;
        _logger = logger;
        RetryableErrorCodes = options.RetryableErrorCodes.ToHashSet(StringComparer.Ordinal);
    }

    public PushClientOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger => _logger;

    private HashSet<string> RetryableErrorCodes { get; }

    public ResiliencePipeline<HttpResponseMessage> GetPipeline(PushEndpoint endpoint)
    {
        return _pipelines.GetOrAdd(
            endpoint.PipelineKey,
            static (_, state) => new Lazy<ResiliencePipeline<HttpResponseMessage>>(() => state.Self.Create(state.Endpoint)),
            (Self: this, Endpoint: endpoint)).Value;
    }

    private ResiliencePipeline<HttpResponseMessage> Create(PushEndpoint endpoint) =>
        Options.PipelineFactory?.Invoke(endpoint) ?? CreateDefault(endpoint.Uri.Host);

    /// <summary>
    /// Retry (both kinds, within the total timeout) → circuit breaker → attempt timeout (shortened to what the total
    /// timeout leaves). The total timeout is kept by <see cref="PushRetryPolicy"/> rather than by a timeout strategy of its
    /// own: it bounds every attempt and every delay just the same, and a push pays for one cancellation source instead of two.
    /// </summary>
    private ResiliencePipeline<HttpResponseMessage> CreateDefault(string host)
    {
        var options = Options;
        var policy = new PushRetryPolicy(options, TimeProvider, RetryableErrorCodes);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>
        {
            Name = "SecEvent.Delivery.Push",
            InstanceName = host,
            TimeProvider = TimeProvider,
        };

        // Added even with no retries allowed: the policy also records the recipient's Retry-After for the result.
        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            Name = "Retry",

            // The policy keeps a budget per kind of failure; Polly's own count only has to stay out of the way.
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = args => ValueTask.FromResult(policy.ShouldRetry(args.Outcome, args.Context)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                args.Context.Properties.TryGetValue(PushContext.Key, out var push) ? push.NextDelay : options.RetryBaseDelay),
            OnRetry = args => LogRetry(host, args.Context, args.RetryDelay, args.Outcome),
        });

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "CircuitBreaker",
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(PushResponseClassifier.IsTransient(args.Outcome)),
            OnOpened = args =>
            {
                Log.PushCircuitOpened(_logger, host, args.BreakDuration);
                return default;
            },
            OnClosed = _ =>
            {
                Log.PushCircuitClosed(_logger, host);
                return default;
            },
        });

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "AttemptTimeout",
            TimeoutGenerator = args => ValueTask.FromResult(policy.AttemptTimeout(args.Context)),
        });
        return builder.Build();
    }

    private ValueTask LogRetry(string host, ResilienceContext context, TimeSpan delay, Outcome<HttpResponseMessage> outcome)
    {
        if (_logger.IsEnabled(LogLevel.Information) && context.Properties.TryGetValue(PushContext.Key, out var push))
        {
            var cause = PushResponseClassifier.Describe(outcome);
            Log.PushRetrying(_logger, push.Jti, host, push.Attempts, delay, cause);
        }

        return default;
    }
}
