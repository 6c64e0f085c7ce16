namespace SecEvent.Delivery.Ssf;

/// <summary>Settings of an <see cref="SsfStreamClient"/>; read once, when the client is created.</summary>
public sealed class SsfStreamClientOptions
{
    /// <summary>
    /// The <c>Authorization</c> value sent with every request (OpenID SSF 1.0 §8: the management API is authenticated),
    /// for example <c>Bearer eyJ…</c>. Never logged.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no <c>Authorization</c> header, unless <see cref="GetAuthorization"/> supplies one.</value>
    public string? AuthorizationHeader { get; set; }

    /// <summary>
    /// Supplies the <c>Authorization</c> value of each request, for short-lived bearer tokens such as OAuth 2.0 access
    /// tokens; when set it replaces <see cref="AuthorizationHeader"/>, and a <see langword="null"/> result sends none.
    /// Called once per attempt; a failure makes the request fail as <see cref="SsfStreamFailure.Unavailable"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<CancellationToken, ValueTask<string?>>? GetAuthorization { get; set; }

    /// <summary>
    /// The audience this receiver expects in every stream it creates or reads (§8.1.1.1: the receiver SHOULD validate
    /// <c>aud</c>); a stream whose <c>aud</c> lacks it fails as <see cref="SsfStreamFailure.AudienceMismatch"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: <c>aud</c> is not checked.</value>
    public string? ExpectedAudience { get; set; }

    /// <summary>Allows plain-http endpoints; for tests and loopback set-ups only.</summary>
    /// <value>The default value is <see langword="false"/>: every endpoint must be https.</value>
    public bool AllowHttp { get; set; }

    /// <summary>The largest response body read, in bytes; a larger one fails as <see cref="SsfStreamFailure.InvalidResponse"/>.</summary>
    /// <value>The default value is 1 MiB, room for many stream configurations.</value>
    public int MaximumResponseSize { get; set; } = 1024 * 1024;

    /// <summary>How long one attempt may take, from sending the request to reading the whole answer.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a request is sent again after a transient failure: 429 or 503 for every operation (the transmitter
    /// did not act on the request), and an unreachable transmitter, a timeout or another 5xx for operations that are
    /// safe to repeat (not create and not verify, which could make a second stream or a second verification event).
    /// </summary>
    /// <value>The default value is 2. Zero turns retries off.</value>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first backoff delay; it doubles with each retry, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait before a retry. A <c>Retry-After</c> is never undercut: when it asks for longer than this, the
    /// request is not retried and fails with <see cref="SsfStreamException.RetryAfter"/> set, for the caller to schedule.
    /// </summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaximumResponseSize, nameof(MaximumResponseSize));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The timeout must be positive or infinite.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(RetryBaseDelay, TimeSpan.Zero, nameof(RetryBaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMaxDelay, TimeSpan.Zero, nameof(RetryMaxDelay));
        if (AuthorizationHeader is { } header && (header.Length == 0 || header.AsSpan().IndexOfAny('\r', '\n') >= 0))
        {
            throw new ArgumentException("The Authorization value must be non-empty and a single line.", nameof(AuthorizationHeader));
        }
    }

    internal SsfStreamClientOptions Clone() => (SsfStreamClientOptions)MemberwiseClone();
}
