using System.Net;
using System.Net.Sockets;

namespace SecEvent.Delivery.Ssf;

public static partial class SsfEndpointUrlGuard
{
    /// <summary>
    /// Creates a handler that resolves each host itself and connects only to addresses <paramref name="policy"/>
    /// admits, so the address checked is the address connected to.
    /// </summary>
    /// <param name="policy">What the operator admits; read on every connection.</param>
    /// <returns>
    /// A handler that follows no redirects and uses no proxy. A connection with no admitted address fails with an
    /// <see cref="HttpRequestException"/> saying the address was refused by the SSRF policy.
    /// </returns>
    /// <remarks>
    /// Use it for every push to a receiver-supplied endpoint: a name checked by <see cref="CheckAsync"/> may resolve
    /// elsewhere by the time of the push (DNS rebinding). Of the addresses a name resolves to, the refused ones are
    /// skipped and the admitted ones tried in order. Redirects are off because one would turn the POST into a GET and
    /// point it at a URL nobody checked; the proxy is off because through one the connection, and so the check, would
    /// be to the proxy rather than the endpoint. Hosts in <see cref="SsfEndpointUrlPolicy.AllowedHosts"/> connect
    /// without the address check. The scheme is not checked here: that is <see cref="Check"/>'s work when the URL is
    /// accepted. TLS is 1.2 or 1.3 only. Use it as the push client's primary handler:
    /// <c>services.AddSecurityEventPushClient().ConfigurePrimaryHttpMessageHandler(() =&gt; SsfEndpointUrlGuard.CreateHandler(policy))</c>.
    /// </remarks>
    public static SocketsHttpHandler CreateHandler(SsfEndpointUrlPolicy policy) => CreateHandler(policy, ResolveWithDns);

    internal static SocketsHttpHandler CreateHandler(SsfEndpointUrlPolicy policy, Func<string, CancellationToken, ValueTask<IPAddress[]>> resolve)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(resolve);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,

            // RFC 8935 §5.3 and BCP 195: TLS 1.2 or later, as the push client's own handler.
            SslOptions = { EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13 },
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, policy, resolve, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(
        DnsEndPoint endPoint,
        SsfEndpointUrlPolicy policy,
        Func<string, CancellationToken, ValueTask<IPAddress[]>> resolve,
        CancellationToken cancellationToken)
    {
        var host = NormalizeHost(endPoint.Host);
        var trusted = IsAllowedHost(host, policy);
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await resolve(host, cancellationToken).ConfigureAwait(false) ?? [];

        var admitted = trusted ? addresses : Array.FindAll(addresses, address => IsAllowed(Classify(address), policy));
        if (admitted.Length == 0)
        {
            throw addresses.Length == 0
                ? new HttpRequestException(HttpRequestError.NameResolutionError, $"The endpoint host '{host}' does not resolve.")
                : new HttpRequestException(HttpRequestError.ConnectionError, $"Every address of the endpoint host '{host}' was refused by the SSRF policy.");
        }

        Exception? last = null;
        foreach (var address in admitted)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
