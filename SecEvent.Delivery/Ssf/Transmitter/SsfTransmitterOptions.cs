using Microsoft.IdentityModel.Tokens;

namespace SecEvent.Delivery.Ssf;

/// <summary>Settings of an <see cref="SsfTransmitter"/>; read once, when it is created.</summary>
public sealed class SsfTransmitterOptions
{
    /// <summary>The transmitter's issuer (OpenID SSF 1.0 §7.1): an https URL, the <c>iss</c> of every stream and SET.</summary>
    public required string Issuer { get; set; }

    /// <summary>Where the keys that verify the SETs are published (<c>jwks_uri</c>).</summary>
    public string? JwksUri { get; set; }

    /// <summary>The URL of the configuration endpoint (<c>configuration_endpoint</c>), as the host serves it.</summary>
    public string? ConfigurationEndpoint { get; set; }

    /// <summary>The URL of the status endpoint (<c>status_endpoint</c>).</summary>
    public string? StatusEndpoint { get; set; }

    /// <summary>The URL of the add-subject endpoint (<c>add_subject_endpoint</c>).</summary>
    public string? AddSubjectEndpoint { get; set; }

    /// <summary>The URL of the remove-subject endpoint (<c>remove_subject_endpoint</c>).</summary>
    public string? RemoveSubjectEndpoint { get; set; }

    /// <summary>The URL of the verification endpoint (<c>verification_endpoint</c>).</summary>
    public string? VerificationEndpoint { get; set; }

    /// <summary>
    /// The poll endpoint of a stream, given its id (SSF-17: unique per stream); <see langword="null"/> when the
    /// transmitter does not offer poll delivery. Requires a poll queue.
    /// </summary>
    public Func<string, string>? PollEndpointUrl { get; set; }

    /// <summary>The event types the transmitter can send (<c>events_supported</c>); at least one.</summary>
    public IList<string> EventsSupported { get; set; } = [];

    /// <summary>Whether a receiver may have several streams (§8.1.1.1); when not, a second create gets 409.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AllowMultipleStreamsPerReceiver { get; set; } = true;

    /// <summary>
    /// <c>default_subjects</c> (§7.1): <c>NONE</c>, a stream carries events only about subjects added to it; <c>ALL</c>,
    /// about every subject except those removed from it.
    /// </summary>
    /// <value>The default value is <c>NONE</c>: nothing is shared until the receiver asks for it.</value>
    public string DefaultSubjects { get; set; } = "NONE";

    /// <summary>The shortest time between two verification requests of a stream (<c>min_verification_interval</c>); faster ones get 429.</summary>
    /// <value>The default value is <see langword="null"/>: no limit.</value>
    public TimeSpan? MinVerificationInterval { get; set; }

    /// <summary>
    /// How long a stream may go without eligible activity (<c>inactivity_timeout</c>) before
    /// <see cref="SsfTransmitter.PauseInactiveStreamsAsync"/> pauses it, announcing it with a stream-updated event.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: streams do not time out.</value>
    public TimeSpan? InactivityTimeout { get; set; }

    /// <summary>The specifications receivers authenticate with (<c>authorization_schemes</c>, §7.1.1).</summary>
    /// <value>The default value is OAuth 2.0 (<c>urn:ietf:rfc:6749</c>).</value>
    public IList<string> AuthorizationSchemes { get; set; } = [SsfAuthorizationScheme.OAuth];

    /// <summary>Subject members a receiver must understand or discard the event (<c>critical_subject_members</c>, §7.1).</summary>
    public IList<string>? CriticalSubjectMembers { get; set; }

    /// <summary>
    /// Decides who is calling: the receiver behind the request's credential, or 401/403 (SSF-22). Called for every
    /// management request and, through <see cref="SsfTransmitter.AuthorizePollAsync"/>, every poll.
    /// </summary>
    public required Func<SsfAuthorizationContext, CancellationToken, ValueTask<SsfAuthorizationResult>> Authorize { get; set; }

    /// <summary>Signs the SETs (the key published at <see cref="JwksUri"/>).</summary>
    public required SigningCredentials SigningCredentials { get; set; }

    /// <summary>
    /// What a receiver-supplied push <c>endpoint_url</c> may be (server-side request forgery): checked, host resolved,
    /// when a stream is created or changed (400 when refused). Give the dispatcher's push client a handler from
    /// <see cref="SsfEndpointUrlGuard.CreateHandler(SsfEndpointUrlPolicy)"/> with the same policy, so the address connected to is checked too.
    /// </summary>
    /// <value>The default refuses plain http, loopback, private, link-local and cloud metadata addresses.</value>
    public SsfEndpointUrlPolicy EndpointUrlPolicy { get; set; } = new();

    /// <summary>The largest request body accepted; larger ones get 413.</summary>
    /// <value>The default value is 64 KiB.</value>
    public int MaxRequestSize { get; set; } = 64 * 1024;

    /// <summary>The most subjects one stream may hold; more get 400.</summary>
    /// <value>The default value is 100,000.</value>
    public int MaxSubjectsPerStream { get; set; } = 100_000;

    /// <summary>The longest <c>description</c> kept (§8.1.1: it MAY be truncated).</summary>
    /// <value>The default value is 1,024 characters.</value>
    public int MaxDescriptionLength { get; set; } = 1024;

    internal void Validate()
    {
        if (!Uri.TryCreate(Issuer, UriKind.Absolute, out var issuer) || (issuer.Scheme != Uri.UriSchemeHttps && issuer.Scheme != Uri.UriSchemeHttp) || issuer.Query.Length > 0 || issuer.Fragment.Length > 0)
        {
            throw new ArgumentException("The issuer must be an absolute https URL with no query or fragment.", nameof(Issuer));
        }

        ArgumentNullException.ThrowIfNull(Authorize, nameof(Authorize));
        ArgumentNullException.ThrowIfNull(SigningCredentials, nameof(SigningCredentials));
        ArgumentNullException.ThrowIfNull(EndpointUrlPolicy, nameof(EndpointUrlPolicy));
        if (EventsSupported is not { Count: > 0 } || EventsSupported.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("At least one supported event type is needed, none empty.", nameof(EventsSupported));
        }

        if (DefaultSubjects is not ("ALL" or "NONE"))
        {
            throw new ArgumentException("default_subjects is ALL or NONE.", nameof(DefaultSubjects));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRequestSize, nameof(MaxRequestSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSubjectsPerStream, nameof(MaxSubjectsPerStream));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDescriptionLength, nameof(MaxDescriptionLength));
        if (MinVerificationInterval < TimeSpan.Zero || InactivityTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MinVerificationInterval), "Intervals must be positive.");
        }
    }
}
