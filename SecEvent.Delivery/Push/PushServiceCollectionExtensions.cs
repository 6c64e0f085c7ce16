using System.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SecEvent.Delivery.Push;

/// <summary>Registers <see cref="PushClient"/> with dependency injection.</summary>
public static class PushServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PushClient"/> as a typed client of <see cref="IHttpClientFactory"/>: its primary handler does
    /// not follow redirects, negotiates TLS 1.2 or 1.3 only and validates the recipient's certificate, and <see cref="HttpClient.Timeout"/> is infinite because the pipeline times out attempts and
    /// the whole push. Endpoint pipelines (and their circuits) are shared by every resolved client. Calling it again adds
    /// <paramref name="configure"/> and returns the same client's builder.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets <see cref="PushClientOptions"/>; optional.</param>
    /// <returns>The client's builder, to add handlers (for example mutual TLS) or configure it further.</returns>
    public static IHttpClientBuilder AddSecurityEventPushClient(this IServiceCollection services, Action<PushClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PushClientOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(static provider => new PushPipelineProvider(
            provider.GetRequiredService<IOptions<PushClientOptions>>().Value,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            (ILogger?)provider.GetService<ILogger<PushClient>>() ?? NullLogger.Instance));

        // A typed client's name is its type name; a second call returns the builder of the client already registered.
        if (services.Any(static d => d.ServiceType == typeof(PushClient)))
        {
            return services.AddHttpClient(nameof(PushClient));
        }

        return services
            .AddHttpClient(nameof(PushClient))
            .AddTypedClient(CreateClient)
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,

                // RFC 8935 §5.3 and BCP 195: TLS 1.2 or later, whatever the machine's defaults would allow.
                SslOptions = { EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 },
            });
    }

    private static PushClient CreateClient(HttpClient httpClient, IServiceProvider provider) =>
        new(httpClient, provider.GetRequiredService<PushPipelineProvider>());
}
