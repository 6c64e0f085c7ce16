using System.Net;
using System.Net.Sockets;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// Checks receiver-supplied push endpoint URLs (OpenID SSF 1.0 §8.1.1, <c>delivery.endpoint_url</c>, SSF-16) against
/// server-side request forgery, and builds an <see cref="HttpMessageHandler"/> that holds to the same policy when it
/// connects.
/// </summary>
/// <remarks>
/// Check a URL with <see cref="CheckAsync"/> when a receiver creates or updates a stream, and push through a handler
/// from <see cref="CreateHandler(SsfEndpointUrlPolicy)"/>: a DNS name can resolve to a public address when checked and to an internal one
/// later (DNS rebinding), so only the check made while connecting is binding. The reasons returned name at most the
/// host, never the rest of the URL, so they can go back to the receiver.
/// </remarks>
public static partial class SsfEndpointUrlGuard
{
    // Names that reach the local machine without asking DNS (RFC 6761 §6.3 reserves *.localhost).
    private static readonly string[] LoopbackNames = ["localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"];

    // Names that cloud platforms resolve to their instance metadata service.
    private static readonly string[] MetadataNames = ["metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"];

    /// <summary>Checks <paramref name="url"/> without resolving its host.</summary>
    /// <param name="url">The receiver-supplied endpoint URL.</param>
    /// <param name="policy">What the operator admits.</param>
    /// <returns>Why the URL is refused, or <see langword="null"/> when it passes.</returns>
    /// <remarks>
    /// The URL must be absolute and use <c>https</c> (or <c>http</c> with <see cref="SsfEndpointUrlPolicy.AllowHttp"/>),
    /// with a host, no user information and no fragment. An IP-literal host, in any spelling <see cref="Uri"/>
    /// accepts (<c>2130706433</c>, <c>0x7f.1</c>, <c>[::ffff:127.0.0.1]</c>), is judged by
    /// <see cref="IsAllowed(IPAddress, SsfEndpointUrlPolicy)"/>; loopback and cloud metadata names are refused. A DNS
    /// name that passes still needs <see cref="CheckAsync"/>.
    /// </remarks>
    public static string? Check(string url, SsfEndpointUrlPolicy policy) => Inspect(url, policy, out _);

    /// <summary>Checks <paramref name="url"/>, then resolves its host and checks every address it resolves to.</summary>
    /// <param name="url">The receiver-supplied endpoint URL.</param>
    /// <param name="policy">What the operator admits.</param>
    /// <param name="resolve">Resolves a host name to its addresses; <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> by default.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <returns>Why the URL is refused, or <see langword="null"/> when it passes.</returns>
    /// <remarks>
    /// One refused address refuses the URL, since the connection may go to any of them; so does a name that does not
    /// resolve. Hosts in <see cref="SsfEndpointUrlPolicy.AllowedHosts"/> are not resolved.
    /// </remarks>
    public static async ValueTask<string?> CheckAsync(
        string url,
        SsfEndpointUrlPolicy policy,
        Func<string, CancellationToken, ValueTask<IPAddress[]>>? resolve = null,
        CancellationToken cancellationToken = default)
    {
        var reason = Inspect(url, policy, out var host);
        if (reason is not null || host is null)
        {
            return reason;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await (resolve ?? ResolveWithDns)(host, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            return $"The endpoint host '{host}' does not resolve.";
        }

        if (addresses is null || addresses.Length == 0)
        {
            return $"The endpoint host '{host}' does not resolve.";
        }

        foreach (var address in addresses)
        {
            var category = Classify(address);
            if (!IsAllowed(category, policy))
            {
                return $"The endpoint host '{host}' resolves to a {Describe(category)} address, which the policy refuses.";
            }
        }

        return null;
    }

    /// <summary>The syntactic check; <paramref name="hostToResolve"/> is the DNS name still to resolve, if any.</summary>
    private static string? Inspect(string url, SsfEndpointUrlPolicy policy, out string? hostToResolve)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(policy);
        hostToResolve = null;

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "The endpoint URL is not an absolute URL.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(policy.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            return policy.AllowHttp ? "The endpoint URL must use https or http." : "The endpoint URL must use https.";
        }

        // Uri drops an empty user-info ("https://@host/"), so look at the authority as written.
        if (uri.UserInfo.Length > 0 || Authority(url).Contains('@', StringComparison.Ordinal))
        {
            return "The endpoint URL must not carry user information.";
        }

        // Uri keeps an empty fragment out of Fragment, and any '#' starts one.
        if (url.Contains('#', StringComparison.Ordinal))
        {
            return "The endpoint URL must not carry a fragment.";
        }

        var host = NormalizeHost(uri.IdnHost);
        if (host.Length == 0)
        {
            return "The endpoint URL has no host.";
        }

        if (IsAllowedHost(host, policy))
        {
            return null;
        }

        switch (uri.HostNameType)
        {
            case UriHostNameType.IPv4:
            case UriHostNameType.IPv6:
                if (!IPAddress.TryParse(host, out var address))
                {
                    return $"The endpoint host '{host}' is not a valid IP address.";
                }

                var category = Classify(address);
                return IsAllowed(category, policy) ? null : $"The endpoint host '{host}' is a {Describe(category)} address, which the policy refuses.";
            case UriHostNameType.Dns:
                if (IsLoopbackName(host) && !policy.AllowLoopback)
                {
                    return $"The endpoint host '{host}' names the local machine, which the policy refuses.";
                }

                if (MetadataNames.Contains(host, StringComparer.Ordinal))
                {
                    return $"The endpoint host '{host}' names a cloud metadata service, which the policy refuses.";
                }

                hostToResolve = host;
                return null;
            default:
                return "The endpoint host is not a DNS name or an IP address.";
        }
    }

    /// <summary>The host as compared against names: lower case, without IPv6 brackets, zone or a trailing dot.</summary>
    internal static string NormalizeHost(string host)
    {
        var normalized = host.Trim().ToLowerInvariant();
        if (normalized.StartsWith('[') && normalized.EndsWith(']'))
        {
            normalized = normalized[1..^1];
        }

        return normalized.TrimEnd('.');
    }

    internal static bool IsAllowedHost(string normalizedHost, SsfEndpointUrlPolicy policy)
    {
        foreach (var allowed in policy.AllowedHosts)
        {
            if (allowed is not null && NormalizeHost(allowed) == normalizedHost)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLoopbackName(string host) =>
        LoopbackNames.Contains(host, StringComparer.Ordinal) || host.EndsWith(".localhost", StringComparison.Ordinal);

    private static string Authority(string url)
    {
        var start = url.IndexOf("//", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        var rest = url.AsSpan(start + 2);
        var end = rest.IndexOfAny("/?#\\");
        return (end < 0 ? rest : rest[..end]).ToString();
    }

    private static async ValueTask<IPAddress[]> ResolveWithDns(string host, CancellationToken cancellationToken) =>
        await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
}
