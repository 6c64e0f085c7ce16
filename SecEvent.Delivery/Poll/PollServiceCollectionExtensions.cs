using System.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecEvent.Delivery.Push;
using SecEvent.Tokens.Events;

namespace SecEvent.Delivery.Poll;

/// <summary>Registers <see cref="PollClient"/> with dependency injection.</summary>
public static class PollServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PollClient"/> as a singleton over a named client of <see cref="IHttpClientFactory"/>: its
    /// primary handler does not follow redirects, negotiates TLS 1.2 or 1.3 only and validates the transmitter's
    /// certificate, and <see cref="HttpClient.Timeout"/> is infinite because the client times requests out itself. The
    /// SETs go to the registered <see cref="ISecurityEventSink"/>; the replay store is
    /// <see cref="PollClientOptions.ReplayStore"/>, else a registered <see cref="ISecurityEventReplayStore"/>, else one in
    /// memory. Calling it again adds <paramref name="configure"/> and returns the same client's builder.
    /// </summary>
    /// <remarks>
    /// The client is a singleton because it keeps the acknowledgements a round owes until the next request; run its
    /// <see cref="PollClient.RunAsync"/> from one hosted service. Its connections are renewed every few minutes, so a
    /// transmitter that moves to another address is followed although the <see cref="HttpClient"/> lives as long as the client.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets <see cref="PollClientOptions"/>, at least its endpoint and validation parameters; optional when they are configured elsewhere.</param>
    /// <returns>The named client's builder, to add handlers (for example mutual TLS) or configure it further.</returns>
    public static IHttpClientBuilder AddSecurityEventPollClient(this IServiceCollection services, Action<PollClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PollClientOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(static d => d.ServiceType == typeof(PollClient)))
        {
            return services.AddHttpClient(nameof(PollClient));
        }

        services.TryAddSingleton(static provider => new PollClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(PollClient)),
            provider.GetRequiredService<IOptions<PollClientOptions>>().Value,
            provider.GetRequiredService<ISecurityEventSink>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>(),
            provider.GetService<SecurityEventTypeRegistry>(),
            provider.GetService<ISecurityEventReplayStore>()));

        return services
            .AddHttpClient(nameof(PollClient))
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,

                // The singleton keeps its HttpClient, so its handler is never rotated: renew connections to follow DNS.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),

                // RFC 8936 §4.3 and BCP 195: TLS 1.2 or later, whatever the machine's defaults would allow.
                SslOptions = { EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 },
            });
    }
}
