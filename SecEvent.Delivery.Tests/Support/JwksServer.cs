using System.Text;
using Microsoft.AspNetCore.Http;

namespace SecEvent.Delivery.Tests.Support;

/// <summary>A Kestrel JWKS endpoint whose document, status and size a test changes, and which counts its fetches.</summary>
internal sealed class JwksServer : IAsyncDisposable
{
    private int _fetches;
    private LoopbackServer? _server;

    public string Document { get; set; } = """{"keys":[]}""";

    public int Status { get; set; } = 200;

    /// <summary>Whether the response declares its length; without it the body is chunked.</summary>
    public bool DeclareLength { get; set; } = true;

    public int Fetches => Volatile.Read(ref _fetches);

    public Uri Uri => new(_server!.BaseAddress, "jwks.json");

    public static async Task<JwksServer> StartAsync()
    {
        var jwks = new JwksServer();
        jwks._server = await LoopbackServer.StartAsync(jwks.HandleAsync);
        return jwks;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _fetches);
        context.Response.StatusCode = Status;
        context.Response.ContentType = "application/jwk-set+json";
        var bytes = Encoding.UTF8.GetBytes(Document);
        if (DeclareLength)
        {
            context.Response.ContentLength = bytes.Length;
        }

        await context.Response.Body.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
