using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// Fetches and validates a transmitter's configuration (OpenID SSF 1.0 §7.2) from the well-known location derived from
/// its issuer. Any failure throws <see cref="SsfDiscoveryException"/>; a configuration is returned whole or not at all.
/// </summary>
/// <remarks>
/// <para>
/// The configuration's <c>issuer</c> must equal the issuer asked for (§7.2.4). Both are compared as strings, ordinally,
/// after removing one trailing <c>/</c> from each: the same normalisation §7.2.1 applies before building the URL, so
/// <c>https://tr.example.com/</c> and <c>https://tr.example.com</c> match, while a difference in case, port spelling or
/// escaping does not.
/// </para>
/// <para>
/// Redirects are never followed: a 3xx answer is a failure, and if the caller's handler follows one anyway, the answer
/// is refused because it came from another URL. The configuration names the signing keys; where it comes from matters.
/// </para>
/// </remarks>
public sealed class SsfDiscovery
{
    /// <summary>The well-known URI suffix registered by OpenID SSF 1.0 §11.</summary>
    public const string WellKnownSuffix = "ssf-configuration";

    /// <summary>The legacy RISC well-known URI suffix (OpenID SSF 1.0 §7.2.2).</summary>
    public const string LegacyRiscWellKnownSuffix = "risc-configuration";

    private const string JsonMediaType = "application/json";

    private readonly HttpClient _httpClient;
    private readonly SsfDiscoveryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a discovery client.</summary>
    /// <param name="httpClient">The client used for fetches; its handlers and proxy settings apply.</param>
    /// <param name="options">The settings; read once, here.</param>
    /// <param name="timeProvider">The clock for the timeout; the system clock when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Where to log; nowhere when <see langword="null"/>.</param>
    public SsfDiscovery(HttpClient httpClient, SsfDiscoveryOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _httpClient = httpClient;
        _options = new SsfDiscoveryOptions
        {
            AllowHttp = options.AllowHttp,
            AllowLegacyRiscConfiguration = options.AllowLegacyRiscConfiguration,
            MaximumResponseSize = options.MaximumResponseSize,
            Timeout = options.Timeout,
        };
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SsfDiscovery>();
    }

    /// <summary>
    /// The URL of an issuer's configuration (§7.2.1): <c>/.well-known/ssf-configuration</c> inserted between the host
    /// and the issuer's path, after one trailing <c>/</c> of the path is removed.
    /// </summary>
    /// <param name="issuer">The issuer: absolute, with no query or fragment.</param>
    /// <returns>The configuration URL.</returns>
    public static Uri GetConfigurationUri(Uri issuer) => WellKnown(issuer, WellKnownSuffix);

    /// <summary>The legacy RISC configuration URL of an issuer (§7.2.2), built the same way as <see cref="GetConfigurationUri"/>.</summary>
    /// <param name="issuer">The issuer: absolute, with no query or fragment.</param>
    /// <returns>The legacy configuration URL.</returns>
    public static Uri GetLegacyRiscConfigurationUri(Uri issuer) => WellKnown(issuer, LegacyRiscWellKnownSuffix);

    /// <summary>Fetches and validates the configuration of <paramref name="issuer"/>.</summary>
    /// <param name="issuer">The transmitter's issuer, from a trusted source.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The validated configuration.</returns>
    /// <exception cref="SsfDiscoveryException">Discovery failed; see <see cref="SsfDiscoveryException.Failure"/>.</exception>
    public async Task<SsfTransmitterMetadata> DiscoverAsync(Uri issuer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var issuerText = issuer.IsAbsoluteUri ? issuer.OriginalString : issuer.ToString();
        try
        {
            CheckIssuer(issuer);
            var url = GetConfigurationUri(issuer);
            Log.SsfDiscoveryStarted(_logger, issuerText, url.AbsoluteUri);
            var (status, body) = await FetchAsync(url, cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.NotFound && _options.AllowLegacyRiscConfiguration)
            {
                url = GetLegacyRiscConfigurationUri(issuer);
                Log.SsfDiscoveryLegacyFallback(_logger, issuerText, url.AbsoluteUri);
                (status, body) = await FetchAsync(url, cancellationToken).ConfigureAwait(false);
            }

            if (status == HttpStatusCode.NotFound)
            {
                throw new SsfDiscoveryException(SsfDiscoveryFailure.HttpStatus, $"{url.Host} has no transmitter configuration at {url.AbsolutePath} (404).", 404);
            }

            var metadata = Validate(issuer, body!);
            Log.SsfDiscoverySucceeded(_logger, issuerText, metadata.SpecVersion ?? "absent");
            return metadata;
        }
        catch (SsfDiscoveryException e)
        {
            Log.SsfDiscoveryFailed(_logger, issuerText, e.Failure.ToString(), e.Message);
            throw;
        }
    }

    private static Uri WellKnown(Uri issuer, string suffix)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        if (!issuer.IsAbsoluteUri || issuer.Query.Length > 0 || issuer.Fragment.Length > 0)
        {
            throw new ArgumentException("The issuer must be an absolute URL with no query or fragment.", nameof(issuer));
        }

        var path = issuer.AbsolutePath;
        if (path.EndsWith('/'))
        {
            path = path[..^1];
        }

        var builder = new UriBuilder(issuer) { Path = "/.well-known/" + suffix + path, Query = string.Empty, Fragment = string.Empty };
        return builder.Uri;
    }

    private void CheckIssuer(Uri issuer)
    {
        if (!issuer.IsAbsoluteUri)
        {
            throw new SsfDiscoveryException(SsfDiscoveryFailure.InvalidIssuer, "The issuer is not an absolute URL.");
        }

        if (issuer.Scheme != Uri.UriSchemeHttps && !(issuer.Scheme == Uri.UriSchemeHttp && _options.AllowHttp))
        {
            throw new SsfDiscoveryException(SsfDiscoveryFailure.InvalidIssuer, $"The issuer {issuer.Host} is not https; set AllowHttp to allow http (OpenID SSF 1.0 §7.2).");
        }

        if (issuer.Query.Length > 0 || issuer.Fragment.Length > 0 || issuer.OriginalString.Contains('#', StringComparison.Ordinal) || issuer.OriginalString.Contains('?', StringComparison.Ordinal))
        {
            throw new SsfDiscoveryException(SsfDiscoveryFailure.InvalidIssuer, "The issuer has a query or fragment (OpenID SSF 1.0 §7.1).");
        }

        if (issuer.UserInfo.Length > 0)
        {
            throw new SsfDiscoveryException(SsfDiscoveryFailure.InvalidIssuer, "The issuer has user information.");
        }
    }

    /// <summary>One GET; returns 404 without a body, a 200 <c>application/json</c> body bounded in size, or throws.</summary>
    private async Task<(HttpStatusCode Status, byte[]? Body)> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(JsonMediaType);
        try
        {
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.RequestMessage?.RequestUri is { } answered && answered != url)
            {
                throw new SsfDiscoveryException(SsfDiscoveryFailure.HttpStatus, $"{url.Host} redirected the configuration request; redirects are not followed.", status);
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return (HttpStatusCode.NotFound, null);
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new SsfDiscoveryException(SsfDiscoveryFailure.HttpStatus, $"{url.Host} answered the configuration request with {status.ToString(CultureInfo.InvariantCulture)}, not 200 (OpenID SSF 1.0 §7.2.3).", status);
            }

            if (!string.Equals(response.Content.Headers.ContentType?.MediaType, JsonMediaType, StringComparison.OrdinalIgnoreCase))
            {
                throw new SsfDiscoveryException(SsfDiscoveryFailure.InvalidResponse, $"{url.Host} answered with a configuration that is not application/json (OpenID SSF 1.0 §7.2.3).", status);
            }

            return (HttpStatusCode.OK, await BoundedContent.ReadAsync(response.Content, _options.MaximumResponseSize, linked.Token).ConfigureAwait(false) ?? throw TooLarge(url));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The caller did not cancel: the timeout, ours or the HttpClient's, ran out.
            throw new SsfDiscoveryException(SsfDiscoveryFailure.Unavailable, $"{url.Host} did not answer the configuration request in time.", innerException: e);
        }
        catch (HttpRequestException e)
        {
            throw new SsfDiscoveryException(SsfDiscoveryFailure.Unavailable, $"{url.Host} could not be reached for its configuration.", innerException: e);
        }
    }

    private SsfDiscoveryException TooLarge(Uri url) =>
        new(SsfDiscoveryFailure.InvalidResponse, $"{url.Host} answered with a configuration larger than {_options.MaximumResponseSize.ToString(CultureInfo.InvariantCulture)} bytes.", 200);

    private SsfTransmitterMetadata Validate(Uri issuer, byte[] body)
    {
        if (!SsfTransmitterMetadata.TryParse(body, out var metadata, out var error))
        {
            throw new SsfDiscoveryException(SsfDiscoveryFailure.InvalidResponse, $"{issuer.Host} answered with a malformed configuration: {error}", 200);
        }

        if (!SameIssuer(metadata.Issuer, issuer.OriginalString))
        {
            throw new SsfDiscoveryException(SsfDiscoveryFailure.IssuerMismatch, $"The configuration fetched for {issuer.OriginalString} names another issuer, {metadata.Issuer} (OpenID SSF 1.0 §7.2.4).", 200);
        }

        if (!_options.AllowHttp)
        {
            foreach (var (name, value) in metadata.Urls())
            {
                if (!value.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
                {
                    throw new SsfDiscoveryException(SsfDiscoveryFailure.InsecureEndpoint, $"The configuration of {issuer.Host} gives an {name} that is not https; set AllowHttp to allow http.", 200);
                }
            }
        }

        return metadata;
    }

    /// <summary>
    /// Whether two issuers are the same (§7.2.4): equal as strings, ordinally, after one trailing <c>/</c> is removed from
    /// each. Used for the configuration's issuer here and for every stream's <c>iss</c> by <see cref="SsfStreamClient"/>.
    /// </summary>
    internal static bool SameIssuer(string one, string other) =>
        string.Equals(TrimSlash(one), TrimSlash(other), StringComparison.Ordinal);

    private static string TrimSlash(string value) => value.EndsWith('/') ? value[..^1] : value;
}
