namespace SecEvent.Delivery.Keys;

/// <summary>Where a <see cref="JwksKeySource"/> fetches its keys and how often. Checked once, when the source is built.</summary>
public sealed class JwksKeySourceOptions
{
    /// <summary>The transmitter's JWKS URL (RFC 7517 §5), for example its SSF metadata's <c>jwks_uri</c>.</summary>
    public required Uri JwksUri { get; set; }

    /// <summary>How long a fetched set is used before it is fetched again on the next look-up.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The shortest time between two fetches, whatever triggers them: a token naming an unknown <c>kid</c> causes at most
    /// one fetch per interval, so forged <c>kid</c> values cannot make the receiver hammer the transmitter.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan MinimumRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest JWKS document read, in bytes; a larger one is refused and the last good set kept.</summary>
    /// <value>The default value is 65,536 (64 KiB).</value>
    public int MaximumResponseSize { get; set; } = 64 * 1024;

    /// <summary>Allows an <c>http</c> URL. Keys fetched without TLS can be replaced by anyone on the path: only for tests and loopback.</summary>
    /// <value>The default value is <see langword="false"/>: the URL must be <c>https</c>.</value>
    public bool AllowInsecureHttp { get; set; }
}
