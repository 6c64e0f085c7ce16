using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Keys;

/// <summary>
/// Signing keys from a JWKS URL, fetched through the caller's <see cref="HttpClient"/> and cached. Plug
/// <see cref="SigningKeyResolver"/> into <see cref="SecurityEventTokenValidationParameters.SigningKeyResolver"/>.
/// Thread-safe: keep one instance per URL.
/// </summary>
/// <remarks>
/// The set is fetched on first use, again once <see cref="JwksKeySourceOptions.RefreshInterval"/> has passed, and early
/// when a token names a <c>kid</c> the set lacks (key rotation) — never more often than
/// <see cref="JwksKeySourceOptions.MinimumRefreshInterval"/>. A failed fetch keeps the last good set. Every key of the
/// document is offered, <c>oct</c> keys included; the validator applies each key's <c>alg</c>, <c>use</c> and <c>key_ops</c>.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates a wait handle (AvailableWaitHandle is not used), so it holds nothing to dispose.")]
public sealed partial class JwksKeySource
{
    private readonly HttpClient _httpClient;
    private readonly Uri _jwksUri;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeSpan _minimumRefreshInterval;
    private readonly int _maximumResponseSize;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _fetchGate = new(1, 1);
    private volatile KeySnapshot _snapshot = KeySnapshot.Empty;

    /// <summary>Creates a key source.</summary>
    /// <param name="httpClient">The client used for fetches; its handlers, timeout and proxy settings apply.</param>
    /// <param name="options">The URL and refresh policy; copied and checked here.</param>
    /// <param name="timeProvider">The clock for refresh decisions; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logs fetches and failures by host; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">An argument or <see cref="JwksKeySourceOptions.JwksUri"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The URL is not absolute, not <c>https</c> (unless allowed), or an interval or size is not positive.</exception>
    public JwksKeySource(HttpClient httpClient, JwksKeySourceOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.JwksUri, nameof(options));
        var uri = options.JwksUri;
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("JwksUri must be absolute.", nameof(options));
        }

        var secure = uri.Scheme == Uri.UriSchemeHttps;
        if (!secure && !(options.AllowInsecureHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            throw new ArgumentException("JwksUri must use https; set AllowInsecureHttp to use http (tests and loopback only).", nameof(options));
        }

        if (options.RefreshInterval <= TimeSpan.Zero || options.MinimumRefreshInterval < TimeSpan.Zero)
        {
            throw new ArgumentException("RefreshInterval must be positive and MinimumRefreshInterval not negative.", nameof(options));
        }

        if (options.MaximumResponseSize < 1)
        {
            throw new ArgumentException("MaximumResponseSize must be positive.", nameof(options));
        }

        _httpClient = httpClient;
        _jwksUri = uri;
        _refreshInterval = options.RefreshInterval;
        _minimumRefreshInterval = options.MinimumRefreshInterval;
        _maximumResponseSize = options.MaximumResponseSize;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<JwksKeySource>();
        SigningKeyResolver = ResolveAsync;
    }

    /// <summary>The resolver for <see cref="SecurityEventTokenValidationParameters.SigningKeyResolver"/>.</summary>
    public SigningKeyResolver SigningKeyResolver { get; }

    /// <summary>The keys of the last good set; empty before the first successful fetch.</summary>
    public IReadOnlyList<SecurityKey> CurrentKeys => _snapshot.Keys;

    /// <summary>Returns the current keys, fetching first when the set is missing, stale, or lacks <paramref name="keyId"/>.</summary>
    /// <param name="keyId">The <c>kid</c> a token names, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels a fetch.</param>
    /// <returns>Every key of the last good set; empty when no fetch has succeeded.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<IReadOnlyList<SecurityKey>> GetSigningKeysAsync(string? keyId, CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot;
        if (NeedsFetch(snapshot, keyId, _timeProvider.GetUtcNow()))
        {
            await _fetchGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Another caller may have fetched while this one waited.
                snapshot = _snapshot;
                if (NeedsFetch(snapshot, keyId, _timeProvider.GetUtcNow()))
                {
                    snapshot = await FetchAsync(snapshot, keyId, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _fetchGate.Release();
            }
        }

        return snapshot.Keys;
    }

    private async ValueTask<IEnumerable<SecurityKey>> ResolveAsync(SigningKeyResolutionContext context, CancellationToken cancellationToken) =>
        await GetSigningKeysAsync(context.KeyId, cancellationToken).ConfigureAwait(false);

    private bool NeedsFetch(KeySnapshot snapshot, string? keyId, DateTimeOffset now)
    {
        if (snapshot.LastAttempt is { } last && now - last < _minimumRefreshInterval)
        {
            return false;
        }

        return snapshot.FetchedAt is not { } fetched
            || now - fetched >= _refreshInterval
            || (keyId is not null && !snapshot.HasKeyId(keyId));
    }

    /// <summary>An immutable view of the last good set and when fetches happened.</summary>
    private sealed class KeySnapshot(IReadOnlyList<SecurityKey> keys, DateTimeOffset? fetchedAt, DateTimeOffset? lastAttempt)
    {
        public static KeySnapshot Empty { get; } = new([], null, null);

        public IReadOnlyList<SecurityKey> Keys { get; } = keys;

        public DateTimeOffset? FetchedAt { get; } = fetchedAt;

        public DateTimeOffset? LastAttempt { get; } = lastAttempt;

        public bool HasKeyId(string keyId) => Keys.Any(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));

        public KeySnapshot AttemptedAt(DateTimeOffset when) => new(Keys, FetchedAt, when);
    }
}
