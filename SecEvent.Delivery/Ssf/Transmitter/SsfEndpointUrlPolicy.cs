namespace SecEvent.Delivery.Ssf;

/// <summary>
/// Which receiver-supplied push endpoint URLs (OpenID SSF 1.0 §8.1.1, <c>delivery.endpoint_url</c> for
/// <c>urn:ietf:rfc:8935</c>) a transmitter will POST to. Read by <see cref="SsfEndpointUrlGuard"/>.
/// </summary>
/// <remarks>
/// A push endpoint is chosen by the receiver, so an unchecked one lets any receiver make the transmitter send requests
/// into the transmitter's own network (server-side request forgery): to cloud metadata services, admin ports on
/// loopback, or internal hosts. Every setting is off by default, which admits only https URLs whose host is public.
/// Cloud metadata addresses (<c>169.254.169.254</c>, <c>fd00:ec2::254</c>, <c>100.100.100.200</c>) and the
/// unspecified, multicast, broadcast, reserved and documentation ranges are refused whatever is set here, except for
/// hosts named in <see cref="AllowedHosts"/>.
/// </remarks>
public sealed class SsfEndpointUrlPolicy
{
    /// <summary>Whether <c>http</c> endpoint URLs are admitted besides <c>https</c> ones.</summary>
    /// <value>The default value is <see langword="false"/>: SETs travel only over TLS (RFC 8935 §4).</value>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Whether loopback addresses (<c>127.0.0.0/8</c>, <c>::1</c>) and loopback names (<c>localhost</c>,
    /// <c>*.localhost</c>) are admitted. For tests, and for receivers on the transmitter's own machine.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// Whether private addresses are admitted: <c>10.0.0.0/8</c>, <c>172.16.0.0/12</c>, <c>192.168.0.0/16</c>,
    /// the shared address space <c>100.64.0.0/10</c> (carrier-grade NAT), unique local IPv6 <c>fc00::/7</c> and the
    /// deprecated site-local <c>fec0::/10</c>.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// Whether link-local addresses are admitted: <c>169.254.0.0/16</c> and <c>fe80::/10</c>. The cloud metadata
    /// address <c>169.254.169.254</c> stays refused even then.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowLinkLocal { get; set; }

    /// <summary>
    /// Host names (or IP literals) that skip the address checks, for operators whose receivers live on internal hosts.
    /// Compared exactly, ignoring case and a trailing dot: <c>receiver.corp.example</c> admits that host only, not
    /// its subdomains. The scheme, user-info and fragment rules still apply.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> AllowedHosts { get; } = [];
}
