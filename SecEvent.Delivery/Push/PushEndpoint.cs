namespace SecEvent.Delivery.Push;

/// <summary>
/// A SET recipient's push endpoint (RFC 8935 §2): where the transmitter POSTs SETs, and how it authorizes itself there.
/// </summary>
/// <remarks>
/// In the OpenID Shared Signals Framework the values come from a stream's <c>delivery.endpoint_url</c> and
/// <c>delivery.authorization_header</c>. RFC 8935 §5.3 requires TLS: an <c>http</c> endpoint is refused unless
/// <see cref="AllowHttp"/> is set. <see cref="ToString"/> never prints <see cref="AuthorizationHeader"/>.
/// </remarks>
public sealed class PushEndpoint
{
    private string? _pipelineKey;

    /// <summary>Creates an endpoint for an absolute <c>https</c> (or, with <see cref="AllowHttp"/>, <c>http</c>) URI.</summary>
    /// <param name="uri">The recipient's push endpoint URL.</param>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is relative or neither <c>https</c> nor <c>http</c>.</exception>
    public PushEndpoint(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("A push endpoint must be an absolute https (or http) URI.", nameof(uri));
        }

        Uri = uri;
    }

    /// <summary>The recipient's push endpoint URL.</summary>
    public Uri Uri { get; }

    /// <summary>
    /// The complete <c>Authorization</c> header value, such as <c>Bearer eyJ…</c>, sent verbatim on every request
    /// (SSF <c>authorization_header</c>); <see langword="null"/> sends no <c>Authorization</c> header.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    /// <remarks>It is a credential: it is never logged, traced or printed.</remarks>
    public string? AuthorizationHeader { get; init; }

    /// <summary>
    /// Whether an <c>http</c> URI is allowed. RFC 8935 §5.3 requires TLS; set this only for loopback tests or when
    /// TLS is terminated by a trusted local proxy.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowHttp { get; init; }

    /// <summary>Returns the endpoint URI; never the <see cref="AuthorizationHeader"/>.</summary>
    public override string ToString() => Uri.ToString();

    /// <summary>
    /// The key of this endpoint's resilience pipeline: the URI and a SHA-256 of the credential, so that no credential
    /// is held as a key. Computed once; the endpoint is immutable.
    /// </summary>
    internal string PipelineKey => _pipelineKey ??= AuthorizationHeader is null
        ? Uri.AbsoluteUri
        : Uri.AbsoluteUri + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AuthorizationHeader)));
}
