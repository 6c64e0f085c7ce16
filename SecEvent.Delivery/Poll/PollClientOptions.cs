using SecEvent.Delivery.Push;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Poll;

/// <summary>
/// What a <see cref="PollClient"/> polls, what it accepts, and how it waits. Mutable while configured; the client copies
/// and checks it once, when built.
/// </summary>
/// <remarks>
/// The defaults long-poll (RFC 8936 §2.5, POLL-09) for up to 100 SETs at a time, acknowledge every accepted SET in the
/// next request (POLL-05), and retry transient failures forever with exponential backoff.
/// </remarks>
public sealed class PollClientOptions
{
    /// <summary>The transmitter's poll endpoint. Must be <c>https</c> unless <see cref="PollEndpoint.AllowHttp"/> is set.</summary>
    public required PollEndpoint Endpoint { get; set; }

    /// <summary>
    /// The SETs accepted: keys, issuers, audience, profile (RFC 8936 §2.1 defers to RFC 8935 §2, POLL-01). Its
    /// <see cref="SecurityEventTokenValidationParameters.ReplayCache"/> must stay <see langword="null"/>: a repeated SET
    /// is acknowledged again (RFC 8936 §2.4, POLL-04), which <see cref="ReplayStore"/> takes care of.
    /// </summary>
    public required SecurityEventTokenValidationParameters ValidationParameters { get; set; }

    /// <summary>
    /// Remembers accepted SETs, so that a SET the transmitter offers again (its acknowledgement was lost, or the client
    /// stopped before sending it) is acknowledged without reaching the sink twice. Use a durable store, such as the SQLite
    /// one, for that to hold across restarts.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: an <see cref="InMemorySecurityEventReplayStore"/> on the client's clock.</value>
    public ISecurityEventReplayStore? ReplayStore { get; set; }

    /// <summary>How long an accepted SET is remembered; a SET whose <c>exp</c> is later is remembered until then.</summary>
    /// <value>The default value is 7 days.</value>
    public TimeSpan ReplayRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The <c>maxEvents</c> of each poll (RFC 8936 §2.2): the most SETs one response may carry; <see langword="null"/>
    /// leaves the number to the transmitter.
    /// </summary>
    /// <value>The default value is 100.</value>
    public int? MaxEvents { get; set; } = 100;

    /// <summary>
    /// The <c>returnImmediately</c> of each poll (RFC 8936 §2.2): <see langword="false"/> long-polls, letting the
    /// transmitter hold the request until a SET arrives or its own timeout expires (POLL-09); <see langword="true"/>
    /// short-polls, pausing <see cref="ShortPollInterval"/> after each empty response.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ReturnImmediately { get; set; }

    /// <summary>
    /// The longest one HTTP request may take, reading the response included. With long polling it must be longer than the
    /// time the transmitter holds a request (agreed out of band, RFC 8936 §2.2): a shorter one abandons every held request
    /// as a timeout and retries it after a backoff.
    /// </summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The pause after a short poll that brought nothing. A long poll that came back empty sooner than this is paused
    /// for the rest of it, so that a transmitter which does not hold requests is not polled in a tight loop.
    /// </summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan ShortPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The first delay of the exponential backoff (with jitter) after a transient failure or a sink failure. A
    /// <c>Retry-After</c> from the transmitter is never undercut.
    /// </summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest computed backoff delay (a longer <c>Retry-After</c> is still honoured).</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many transient failures in a row (connection failures, timeouts, 408, 429, 5xx) <see cref="PollClient.RunAsync"/>
    /// tolerates before it gives up with a <see cref="PollException"/> of <see cref="PollFailure.Unavailable"/>;
    /// <see langword="null"/> retries for as long as the loop runs.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? MaxConsecutiveFailures { get; set; }

    /// <summary>
    /// The <c>Content-Language</c> sent with a request that carries <c>setErrs</c> (RFC 8936 §2.6, POLL-11): the language
    /// of the error descriptions, which the validator writes in English.
    /// </summary>
    /// <value>The default value is <c>en</c>.</value>
    public string ContentLanguage { get; set; } = "en";

    /// <summary>
    /// Supplies the <c>Authorization</c> value of each request, for short-lived bearer tokens (RFC 8936 §4.4.1, POLL-14);
    /// when set it replaces <see cref="PollEndpoint.AuthorizationHeader"/>, and a <see langword="null"/> result sends no
    /// <c>Authorization</c> header. Called once per request, under the request's timeout; a failure counts as a transient
    /// failure of that request.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: <see cref="PollEndpoint.AuthorizationHeader"/> is sent.</value>
    /// <remarks>The value is a credential: it is never logged, traced or printed.</remarks>
    public Func<CancellationToken, ValueTask<string?>>? GetAuthorization { get; set; }

    /// <summary>
    /// The longest the acknowledge-only request sent when <see cref="PollClient.RunAsync"/> is cancelled may take
    /// (RFC 8936 §2.4.2). It runs after cancellation, so it cannot use the cancelled token.
    /// </summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan FinalAcknowledgeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The largest response body read, in bytes. A larger one breaks the protocol for this client (a
    /// <see cref="PollException"/> of <see cref="PollFailure.Protocol"/>): lower <see cref="MaxEvents"/> or raise this.
    /// </summary>
    /// <value>The default value is 16,777,216 (16 MiB).</value>
    public int MaximumResponseSize { get; set; } = 16 * 1024 * 1024;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Endpoint, nameof(Endpoint));
        ArgumentNullException.ThrowIfNull(ValidationParameters, nameof(ValidationParameters));
        if (Endpoint.Uri.Scheme != Uri.UriSchemeHttps && !Endpoint.AllowHttp)
        {
            throw new ArgumentException("RFC 8936 §4.3 requires TLS: the poll endpoint must be https, unless PollEndpoint.AllowHttp is set.", nameof(Endpoint));
        }

        if (ValidationParameters.ReplayCache is not null)
        {
            throw new ArgumentException(
                "ValidationParameters.ReplayCache must be null: a poll client acknowledges repeated SETs again (RFC 8936 §2.4) through its ReplayStore.",
                nameof(ValidationParameters));
        }

        UsableParameters.Ensure(ValidationParameters, nameof(ValidationParameters));

        if (ReplayRetention <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ReplayRetention), ReplayRetention, "The value must be positive.");
        }

        Positive(AttemptTimeout, nameof(AttemptTimeout));
        Positive(FinalAcknowledgeTimeout, nameof(FinalAcknowledgeTimeout));
        NotNegative(ShortPollInterval, nameof(ShortPollInterval));
        NotNegative(RetryBaseDelay, nameof(RetryBaseDelay));
        NotNegative(RetryMaxDelay, nameof(RetryMaxDelay));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaximumResponseSize, nameof(MaximumResponseSize));
        if (MaxEvents is { } maxEvents)
        {
            // 0 would make every poll acknowledge-only (RFC 8936 §2.4.2): nothing would ever be received.
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents, nameof(MaxEvents));
        }

        if (MaxConsecutiveFailures is { } failures)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failures, nameof(MaxConsecutiveFailures));
        }

        if (ContentLanguage is null || !IsContentLanguage(ContentLanguage))
        {
            throw new ArgumentException("ContentLanguage must be a language tag, such as \"en\" (RFC 8936 §2.6).", nameof(ContentLanguage));
        }
    }

    /// <summary>A language tag in the shape RFC 5646 §2.1 allows: letters, then subtags of letters and digits.</summary>
    private static bool IsContentLanguage(string value)
    {
        var subtags = value.Split('-');
        return subtags[0] is { Length: >= 1 and <= 8 } primary && primary.All(char.IsAsciiLetter)
            && subtags.Skip(1).All(static s => s.Length is >= 1 and <= 8 && s.All(char.IsAsciiLetterOrDigit));
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > PollClient.LongestWait)
        {
            throw new ArgumentOutOfRangeException(name, value, "The value must be positive and at most a day.");
        }
    }

    private static void NotNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero || value > PollClient.LongestWait)
        {
            throw new ArgumentOutOfRangeException(name, value, "The value must not be negative nor longer than a day.");
        }
    }
}
