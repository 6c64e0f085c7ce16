using Polly;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Push;

/// <summary>
/// Timeouts, retries and the circuit breaker of <see cref="PushClient"/>. Set them before the client is built;
/// they are checked once, when it is.
/// </summary>
/// <remarks>
/// The default pipeline, one per endpoint, runs retry → circuit breaker → attempt timeout, all within the total timeout.
/// The retry takes two kinds of failure, each with its own budget: transient failures (connection failures other than a
/// failed TLS handshake, attempt timeouts, 408, 429, 500, 502, 503 and 504), retried with exponential backoff, and
/// 400s with one of <see cref="RetryableErrorCodes"/>, retried slowly (RFC 8935 §2, §4: retransmit only when a
/// recoverable failure is suspected, and wait before retrying). A <c>Retry-After</c> is never undercut.
/// </remarks>
public sealed class PushClientOptions
{
    /// <summary>The longest one HTTP request may take, reading a 400 body included.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest one <see cref="PushClient.PushAsync"/> may take, every retry and delay included: the last attempt's
    /// timeout is shortened to what is left, and a delay that would end past it is not taken.
    /// </summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many times a transient failure is retried; 0 disables these retries.</summary>
    /// <value>The default value is 4.</value>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first delay of the exponential backoff between transient retries.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest computed backoff delay (a <c>Retry-After</c> is bounded by <see cref="MaxRetryAfter"/> instead).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether backoff delays are jittered (each drawn uniformly from the upper half of its exponential value), so that
    /// transmitters do not retry in lock step.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// The longest <c>Retry-After</c> (delta-seconds or HTTP-date, RFC 9110 §10.2.3) the client waits for before a retry.
    /// A recipient asking for longer is not retried sooner: the push ends with its last outcome and
    /// <see cref="PushResult.RetryAfter"/> says when another attempt is allowed.
    /// </summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The <c>err</c> codes of a 400 that are retried, slowly and a bounded number of times, because key rotation or a
    /// credential refresh can cure them (RFC 8935 §4). Every other <c>err</c> is final.
    /// </summary>
    /// <value>The default value is <c>invalid_key</c> and <c>access_denied</c>.</value>
    public ISet<string> RetryableErrorCodes { get; } =
        new HashSet<string>(StringComparer.Ordinal) { SecurityEventErrorCodes.InvalidKey, SecurityEventErrorCodes.AccessDenied };

    /// <summary>How many times a 400 with one of <see cref="RetryableErrorCodes"/> is retried; 0 disables it.</summary>
    /// <value>The default value is 2.</value>
    public int RejectionRetryAttempts { get; set; } = 2;

    /// <summary>The delay before each retry of a <see cref="RetryableErrorCodes"/> rejection, or the response's <c>Retry-After</c> when longer.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RejectionRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The share of transient failures, within <see cref="CircuitBreakerSamplingDuration"/>, that opens an endpoint's circuit.</summary>
    /// <value>The default value is 0.5.</value>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>How many attempts must be seen within the sampling duration before the circuit may open (at least 2).</summary>
    /// <value>The default value is 10.</value>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window over which the circuit breaker measures the failure ratio.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses pushes to its endpoint before one trial request is let through.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most bytes of a 400 body that are read. A longer body is not parsed: the push is rejected with no <c>err</c>.
    /// </summary>
    /// <value>The default value is 16 KiB.</value>
    public int MaxErrorBodyBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// The <c>Accept-Language</c> sent with every push (RFC 8935 §2.1), asking for error descriptions in these languages,
    /// such as <c>de, en;q=0.5</c>; <see langword="null"/> sends none, and recipients answer in a language English speakers
    /// understand (§2.3).
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? AcceptLanguage { get; set; }

    /// <summary>
    /// Replaces the default pipeline. Called once per endpoint (URI and <c>Authorization</c> value); the pipeline is kept
    /// for the client's lifetime, so it can hold a circuit breaker. The pipeline's callback sends one request and returns
    /// its response; a 400's body is already buffered (bounded by <see cref="MaxErrorBodyBytes"/>). Responses passed over
    /// by a retry are disposed by Polly. The client classifies only the final response.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the pipeline described on <see cref="PushClientOptions"/>.</value>
    public Func<PushEndpoint, ResiliencePipeline<HttpResponseMessage>>? PipelineFactory { get; set; }

    internal void Validate()
    {
        Positive(AttemptTimeout, nameof(AttemptTimeout));
        Positive(TotalTimeout, nameof(TotalTimeout));
        NotNegative(RetryBaseDelay, nameof(RetryBaseDelay));
        NotNegative(RetryMaxDelay, nameof(RetryMaxDelay));
        NotNegative(MaxRetryAfter, nameof(MaxRetryAfter));
        NotNegative(RejectionRetryDelay, nameof(RejectionRetryDelay));
        Positive(CircuitBreakerSamplingDuration, nameof(CircuitBreakerSamplingDuration));
        Positive(CircuitBreakerBreakDuration, nameof(CircuitBreakerBreakDuration));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetryAttempts, nameof(MaxRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfNegative(RejectionRetryAttempts, nameof(RejectionRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(CircuitBreakerMinimumThroughput, 2, nameof(CircuitBreakerMinimumThroughput));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxErrorBodyBytes, nameof(MaxErrorBodyBytes));
        if (AcceptLanguage is not null && !IsAcceptLanguage(AcceptLanguage))
        {
            throw new ArgumentException("AcceptLanguage must be an Accept-Language value (RFC 9110 §12.5.4), such as \"en\" or \"de, en;q=0.5\".", nameof(AcceptLanguage));
        }

        if (CircuitBreakerFailureRatio is not (> 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(CircuitBreakerFailureRatio), CircuitBreakerFailureRatio, "The failure ratio must be in (0, 1].");
        }
    }

    private static bool IsAcceptLanguage(string value)
    {
        using var probe = new HttpRequestMessage();
        return value.Length > 0 && probe.Headers.AcceptLanguage.TryParseAdd(value);
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "The value must be positive.");
        }
    }

    private static void NotNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "The value must not be negative.");
        }
    }
}
