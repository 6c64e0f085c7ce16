namespace SecEvent.Delivery.Poll;

/// <summary>
/// A transmitter's poll endpoint as the SET recipient sees it (RFC 8936 §2): where the recipient POSTs its poll requests,
/// and how it authorizes itself there.
/// </summary>
/// <remarks>
/// In the OpenID Shared Signals Framework the values come from a stream's <c>delivery.endpoint_url</c> and
/// <c>delivery.authorization_header</c>. RFC 8936 §4.3 requires TLS: a <see cref="PollClient"/> refuses an <c>http</c>
/// endpoint unless <see cref="AllowHttp"/> is set. <see cref="ToString"/> never prints <see cref="AuthorizationHeader"/>.
/// </remarks>
public sealed class PollEndpoint
{
    /// <summary>Creates an endpoint for an absolute <c>https</c> (or, with <see cref="AllowHttp"/>, <c>http</c>) URI.</summary>
    /// <param name="uri">The transmitter's poll endpoint URL.</param>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is relative or neither <c>https</c> nor <c>http</c>.</exception>
    public PollEndpoint(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("A poll endpoint must be an absolute https (or http) URI.", nameof(uri));
        }

        Uri = uri;
    }

    /// <summary>The transmitter's poll endpoint URL.</summary>
    public Uri Uri { get; }

    /// <summary>
    /// The complete <c>Authorization</c> header value, such as <c>Bearer eyJ…</c>, sent verbatim on every request
    /// (SSF <c>authorization_header</c>); <see langword="null"/> sends no <c>Authorization</c> header.
    /// <see cref="PollClientOptions.GetAuthorization"/>, when set, replaces it.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    /// <remarks>It is a credential: it is never logged, traced or printed.</remarks>
    public string? AuthorizationHeader { get; init; }

    /// <summary>
    /// Whether an <c>http</c> URI is allowed. RFC 8936 §4.3 requires TLS; set this only for loopback tests or when TLS
    /// is terminated by a trusted local proxy.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowHttp { get; init; }

    /// <summary>Returns the endpoint URI; never the <see cref="AuthorizationHeader"/>.</summary>
    public override string ToString() => Uri.ToString();
}
