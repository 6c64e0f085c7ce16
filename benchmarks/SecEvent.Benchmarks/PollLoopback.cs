using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Benchmarks;

/// <summary>
/// Both delivery methods end to end on one loopback Kestrel: a poll endpoint (<see cref="PollTransmitter"/> over the
/// in-memory outbox) and a push endpoint (<see cref="PushReceiver"/>), one ES256 key, SSF verification SETs signed fresh
/// for every delivery, and a recipient that validates each one. What the poll and push benchmarks share.
/// </summary>
internal sealed class PollLoopback : IDisposable
{
    public const string Stream = "stream-1";
    private const string Issuer = "https://tr.example.com";
    private const string Audience = "https://rp.example.com";

    private readonly WebApplication _server;
    private readonly SecurityEventTokenHandler _handler = new();
    private readonly SigningCredentials _signing;
    private long _received;

    public PollLoopback()
    {
        var key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k1" };
        _signing = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256);
        Parameters = new SecurityEventTokenValidationParameters
        {
            Profile = SecurityEventProfile.SharedSignals,
            ValidIssuers = [Issuer],
            ValidAudiences = [Audience],
            SigningKeys = [new ECDsaSecurityKey(ECDsa.Create(key.ECDsa.ExportParameters(false))) { KeyId = "k1" }],
        };
        Queue = new InMemorySecurityEventOutbox();
        Transmitter = new PollTransmitter(Queue, new PollTransmitterOptions { MaxEvents = 1000 });
        var receiver = new PushReceiver(new PushReceiverOptions { ValidationParameters = Parameters }, (_, _) => Received());

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapPost("/poll", async context =>
        {
            var response = await Transmitter.HandleAsync(new PollEndpointRequest
            {
                StreamId = Stream,
                ContentType = context.Request.ContentType,
                ContentLength = context.Request.ContentLength,
                Body = context.Request.Body,
            }, context.RequestAborted);
            await WriteAsync(context, response.StatusCode, response.Headers, response.Body);
        });
        _server.MapPost("/push", async context =>
        {
            var response = await receiver.ReceiveAsync(new PushRequest
            {
                ContentType = context.Request.ContentType,
                ContentLength = context.Request.ContentLength,
                Body = context.Request.Body,
            }, context.RequestAborted);
            await WriteAsync(context, response.StatusCode, response.Headers, response.Body);
        });
        _server.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 256 }) { Timeout = Timeout.InfiniteTimeSpan };
        PollUri = new Uri(address, "poll");
        PushEndpoint = new PushEndpoint(new Uri(address, "push")) { AllowHttp = true };
    }

    public HttpClient Http { get; }

    public InMemorySecurityEventOutbox Queue { get; }

    public PollTransmitter Transmitter { get; }

    public SecurityEventTokenValidationParameters Parameters { get; }

    public Uri PollUri { get; }

    public PushEndpoint PushEndpoint { get; }

    /// <summary>SETs a recipient has validated and kept, by either method.</summary>
    public long ReceivedCount => Interlocked.Read(ref _received);

    /// <summary>A poll client of this endpoint asking for <paramref name="maxEvents"/> at a time, keeping SETs as <see cref="ReceivedCount"/>.</summary>
    public PollClient NewPollClient(int maxEvents, bool returnImmediately, Func<SecurityEventToken, CancellationToken, ValueTask>? accept = null) =>
        new(Http, new PollClientOptions
        {
            Endpoint = new PollEndpoint(PollUri) { AllowHttp = true },
            ValidationParameters = Parameters,
            MaxEvents = maxEvents,
            ReturnImmediately = returnImmediately,
        }, accept ?? ((_, _) => Received()));

    /// <summary>A freshly signed SSF verification SET: what a transmitter does for each delivery.</summary>
    public string Sign() => _handler.CreateToken(new SecurityEventTokenDescriptor
    {
        Profile = SecurityEventProfile.SharedSignals,
        Issuer = Issuer,
        Audiences = [Audience],
        SubjectId = new OpaqueSubjectIdentifier { Id = "f67e39a0a4d34d56b3aa1bc4cff0069f" },
        Events = [new SsfVerificationEvent { State = "VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRlIHZhbHVlLgo=" }],
        SigningCredentials = _signing,
    });

    public void Dispose()
    {
        Http.Dispose();
        _server.StopAsync().GetAwaiter().GetResult();
    }

    private ValueTask Received()
    {
        Interlocked.Increment(ref _received);
        return ValueTask.CompletedTask;
    }

    private static async Task WriteAsync(HttpContext context, int status, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers.Append(name, value);
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
