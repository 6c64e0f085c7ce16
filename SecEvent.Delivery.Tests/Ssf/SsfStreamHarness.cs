using Microsoft.Extensions.Logging;
using SecEvent.Delivery.Ssf;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>One test's transmitter stub and HTTP client, and clients built the way a receiver builds them: discovery first.</summary>
internal sealed class SsfStreamHarness : IAsyncDisposable
{
    private SsfStreamHarness(SsfTransmitterStub stub) => Stub = stub;

    public SsfTransmitterStub Stub { get; }

    public HttpClient Http { get; } = new();

    public static async Task<SsfStreamHarness> StartAsync() => new(await SsfTransmitterStub.StartAsync());

    /// <summary>A client from the stub's discovered configuration, sending figure 21's Authorization value, quick to retry.</summary>
    public async Task<SsfStreamClient> ClientAsync(Action<SsfStreamClientOptions>? configure = null, ILoggerFactory? logs = null)
    {
        var metadata = await new SsfDiscovery(Http, new SsfDiscoveryOptions { AllowHttp = true }).DiscoverAsync(new Uri(Stub.Issuer));
        var options = new SsfStreamClientOptions
        {
            AllowHttp = true,
            AuthorizationHeader = SsfTransmitterStub.FigureAuthorization,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        return new SsfStreamClient(Http, metadata, options, loggerFactory: logs);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Stub.DisposeAsync();
    }
}
