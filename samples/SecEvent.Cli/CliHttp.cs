using System.Net.Security;
using System.Security.Authentication;

namespace SecEvent.Cli;

/// <summary>What the commands that talk HTTP (<c>push</c>, <c>poll</c>, <c>stream</c>) share: the URL check and the client.</summary>
internal static class CliHttp
{
    /// <summary>
    /// Why <paramref name="url"/> cannot be the <paramref name="option"/>, or <see langword="null"/>: it must be an absolute
    /// http(s) URL, and https unless <paramref name="allowHttp"/>, as <paramref name="tlsRule"/> (such as "RFC 8935 §5.3") requires.
    /// </summary>
    public static string? EndpointProblem(string url, bool allowHttp, string tlsRule, string option = "--endpoint") =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            ? $"{option} must be an absolute http(s) URL."
            : uri.Scheme == Uri.UriSchemeHttp && !allowHttp
                ? $"{option} must be https ({tlsRule} requires TLS), unless --allow-http."
                : null;

    /// <summary>
    /// A client that follows no redirect (a redirect would turn a POST into a GET), negotiates TLS 1.2 or 1.3 only, and
    /// has no overall timeout: the push and poll clients time each attempt themselves, long polls included.
    /// </summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions { EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 },
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
