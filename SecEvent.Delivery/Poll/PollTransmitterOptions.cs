namespace SecEvent.Delivery.Poll;

/// <summary>
/// How a <see cref="PollTransmitter"/> answers polls. Mutable while configured; the transmitter copies and checks it once,
/// when built.
/// </summary>
public sealed class PollTransmitterOptions
{
    /// <summary>
    /// The most SETs in one response. A request's <c>maxEvents</c> is bounded by it, and a request without one gets this
    /// many at most (RFC 8936 §2.2 lets the transmitter choose when the recipient sets no limit).
    /// </summary>
    /// <value>The default value is 1000.</value>
    public int MaxEvents { get; set; } = 1000;

    /// <summary>
    /// How long a long poll is held when no SET is waiting (RFC 8936 §2.5, POLL-09: the timeout is set out of band). The
    /// recipient's request timeout must be longer; <see cref="TimeSpan.Zero"/> answers every poll at once.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan LongPollTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an offered SET stays leased to the response that carried it; unless acknowledged by then, it is offered
    /// again (RFC 8936 §2.4: the transmitter MAY resend after a period set out of band, POLL-04).
    /// </summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The age past which an unacknowledged SET is dead-lettered instead of offered (RFC 8936 §2.1: the transmitter may
    /// discard SETs under deployment policy, POLL-03).
    /// </summary>
    /// <value>The default value is 24 hours.</value>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The most times a SET is offered without an acknowledgement before it is dead-lettered (RFC 8936 §2.4: the
    /// transmitter MAY cap delivery attempts, POLL-04); <see langword="null"/> for no cap but <see cref="MaxAge"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? MaxOffers { get; set; }

    /// <summary>The largest request body read, in bytes; a larger one is answered with 413 without being buffered.</summary>
    /// <value>The default value is 1,048,576 (1 MiB).</value>
    public int MaximumRequestSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Decides, before the body is read, whether the request may poll <see cref="PollEndpointRequest.StreamId"/>, typically
    /// from <see cref="PollEndpointRequest.Authorization"/> (RFC 8936 §3, §4.4). A refusal is answered with 401 and a
    /// <c>WWW-Authenticate</c> challenge, or 403 (POLL-12).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: every request is accepted. Set it for anything but a test.</value>
    public Func<PollEndpointRequest, CancellationToken, ValueTask<PollAuthorizationResult>>? AuthorizeReceiver { get; set; }

    /// <summary>The <c>WWW-Authenticate</c> challenge sent with 401 (RFC 8936 §3, POLL-12).</summary>
    /// <value>The default value is <c>Bearer</c>.</value>
    public string AuthenticationChallenge { get; set; } = "Bearer";

    /// <summary>
    /// Told of the <c>setErrs</c> each request reports, by stream, once the SETs are dead-lettered (RFC 8936 §2.4.4,
    /// POLL-08): for alerts, or to fix what the recipient could not validate. A failure is logged and does not fail the
    /// request.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the errors are logged only.</value>
    public Func<string, IReadOnlyDictionary<string, PollSetError>, CancellationToken, ValueTask>? SetErrorsReported { get; set; }

    /// <summary>
    /// How often a long poll looks for SETs without being told of an enqueue: an enqueue by another process sharing a
    /// SQLite file, or a SET whose lease ran out, is seen within this time.
    /// </summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The <c>Content-Language</c> of error responses, which their descriptions are written in.</summary>
    /// <value>The default value is <c>en</c>.</value>
    public string ContentLanguage { get; set; } = "en";
}
