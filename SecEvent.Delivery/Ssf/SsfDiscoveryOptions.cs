namespace SecEvent.Delivery.Ssf;

/// <summary>Settings for <see cref="SsfDiscovery"/>.</summary>
public sealed class SsfDiscoveryOptions
{
    /// <summary>
    /// Whether an <c>http</c> issuer and <c>http</c> URLs in the configuration are accepted. Off by default: the
    /// configuration names the signing keys, so it must come over https (OpenID SSF 1.0 §7.2). For tests and closed
    /// networks only.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Whether discovery tries the legacy <c>/.well-known/risc-configuration</c> location (OpenID SSF 1.0 §7.2.2) when
    /// the SSF location answers 404. Off by default, since new transmitters SHOULD NOT serve it.
    /// </summary>
    public bool AllowLegacyRiscConfiguration { get; set; }

    /// <summary>The largest configuration accepted, in bytes; larger answers fail. 64 KiB by default.</summary>
    public int MaximumResponseSize { get; set; } = 64 * 1024;

    /// <summary>How long one fetch may take, from sending the request to reading the whole body. 30 seconds by default.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaximumResponseSize, nameof(MaximumResponseSize));
        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The timeout must be positive or infinite.");
        }
    }
}
