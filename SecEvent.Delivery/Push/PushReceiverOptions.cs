using SecEvent.Tokens;

namespace SecEvent.Delivery.Push;

/// <summary>
/// What a <see cref="PushReceiver"/> accepts and how it answers. Mutable while configured; the receiver copies and checks
/// it once, when built.
/// </summary>
public sealed class PushReceiverOptions
{
    /// <summary>
    /// The SETs accepted: keys, issuers, audience, profile (RFC 8935 §2, PUSH-01). Its
    /// <see cref="SecurityEventTokenValidationParameters.ReplayCache"/> must stay <see langword="null"/>: the receiver
    /// deduplicates through <see cref="ReplayStore"/> instead, answering repeats with 202 (PUSH-04).
    /// </summary>
    public required SecurityEventTokenValidationParameters ValidationParameters { get; set; }

    /// <summary>Remembers accepted SETs so that a retransmission does not reach the sink twice.</summary>
    /// <value>The default value is <see langword="null"/>: an <see cref="InMemorySecurityEventReplayStore"/> on the receiver's clock.</value>
    public ISecurityEventReplayStore? ReplayStore { get; set; }

    /// <summary>How long an accepted SET is remembered; a SET whose <c>exp</c> is later is remembered until then.</summary>
    /// <value>The default value is 7 days.</value>
    public TimeSpan ReplayRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The largest request body read, in bytes; a larger one is answered with 413 without being buffered.</summary>
    /// <value>The default value is 262,144 (256 KiB).</value>
    public int MaximumRequestSize { get; set; } = 256 * 1024;

    /// <summary>The <c>Content-Language</c> of error responses, which the descriptions are written in (RFC 8935 §2.3, PUSH-12).</summary>
    /// <value>The default value is <c>en</c>.</value>
    public string ContentLanguage { get; set; } = "en";

    /// <summary>
    /// Authenticates the transmitter before the SET is read, typically from <see cref="PushRequest.Authorization"/>.
    /// A refusal is answered with <c>authentication_failed</c> (RFC 8935 §2.4).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: every transmitter is accepted.</value>
    public Func<PushRequest, CancellationToken, ValueTask<PushAuthorizationResult>>? AuthenticateTransmitter { get; set; }

    /// <summary>
    /// Decides whether this transmitter may deliver this validated SET, for example one issued by someone else
    /// (RFC 8935 §2, PUSH-01, PUSH-02). A refusal is answered with <c>access_denied</c> (RFC 8935 §2.4).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: every valid SET is accepted.</value>
    public Func<PushRequest, SecurityEventToken, CancellationToken, ValueTask<PushAuthorizationResult>>? AuthorizeTransmitter { get; set; }

    /// <summary>How hook refusals are answered.</summary>
    /// <value>The default value is <see cref="PushAuthorizationFailureStyle.Rfc8935"/>: 400 with an <c>err</c> code.</value>
    public PushAuthorizationFailureStyle AuthorizationFailureStyle { get; set; } = PushAuthorizationFailureStyle.Rfc8935;

    /// <summary>The <c>WWW-Authenticate</c> challenge sent with 401 under <see cref="PushAuthorizationFailureStyle.HttpStatus"/>.</summary>
    /// <value>The default value is <c>Bearer</c>.</value>
    public string AuthenticationChallenge { get; set; } = "Bearer";

    /// <summary>
    /// The status answered when the sink fails (500 or 503). Nothing is recorded, so the transmitter's retry reaches the
    /// sink again (RFC 8935 §2, PUSH-03).
    /// </summary>
    /// <value>The default value is 500.</value>
    public int SinkFailureStatusCode { get; set; } = 500;
}
