using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Benchmarks;

/// <summary>
/// SSF publishing (OpenID SSF 1.0 §8): <see cref="SsfTransmitter.PublishAsync"/> finds the streams that want an event
/// (type in <c>events_delivered</c>, subject added by the SSF-32 rule), signs one SET per stream (ES256) and queues it
/// in the push outbox. Baseline: signing the same SETs with <see cref="SecurityEventTokenHandler"/> and queueing them,
/// with no streams to look at. The ratio is what stream selection costs on top of the crypto.
/// </summary>
[MemoryDiagnoser]
public class SsfPublishBenchmarks
{
    private const string Host = "rp.example.com";
    private static readonly EmailSubjectIdentifier Everyone = new() { Email = "everyone@example.com" };
    private static readonly EmailSubjectIdentifier OnlyFirst = new() { Email = "user0@example.com" };

    private readonly SecurityEventTokenHandler _handler = new();
    private SigningCredentials _signing = null!;
    private InMemorySsfStreamStore _store = null!;
    private InMemorySecurityEventOutbox _outbox = null!;
    private SsfTransmitter _transmitter = null!;

    /// <summary>How many streams the transmitter has, each of its own receiver, each with its own subject and a shared one.</summary>
    [Params(1, 100, 1000)]
    public int Streams { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _signing = new SigningCredentials(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k1" }, SecurityAlgorithms.EcdsaSha256);
        _store = new InMemorySsfStreamStore();
        _outbox = new InMemorySecurityEventOutbox();
        _transmitter = NewTransmitter();
        for (var i = 0; i < Streams; i++)
        {
            var receiver = $"Bearer r{i}";
            var created = Send(SsfManagementEndpoint.Configuration, "POST", receiver, $$"""{"delivery":{"method":"urn:ietf:rfc:8935","endpoint_url":"https://{{Host}}/events/{{i}}"},"events_requested":["{{CaepEventTypes.SessionRevoked}}"]}""");
            var streamId = System.Text.Json.JsonDocument.Parse(created.Body).RootElement.GetProperty("stream_id").GetString();
            Send(SsfManagementEndpoint.AddSubject, "POST", receiver, $$$"""{"stream_id":"{{{streamId}}}","subject":{"format":"email","email":"user{{{i}}}@example.com"}}""");
            Send(SsfManagementEndpoint.AddSubject, "POST", receiver, $$$"""{"stream_id":"{{{streamId}}}","subject":{"format":"email","email":"everyone@example.com"}}""");
        }
    }

    /// <summary>A fresh outbox for each iteration, so that queued SETs do not pile up across the run.</summary>
    [IterationSetup]
    public void FreshOutbox()
    {
        _outbox = new InMemorySecurityEventOutbox();
        _transmitter = NewTransmitter();
    }

    [Benchmark(Baseline = true)]
    public async Task SignAndQueueOnly()
    {
        var items = new OutboxItem[Streams];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new OutboxItem(_handler.CreateToken(new SecurityEventTokenDescriptor
            {
                Profile = SecurityEventProfile.SharedSignals,
                Issuer = "https://tr.example.com",
                Audiences = [$"https://r{i}.example.com"],
                SubjectId = Everyone,
                Events = [new CaepSessionRevoked()],
                SigningCredentials = _signing,
            }), $"stream-{i}");
        }

        await _outbox.EnqueueAsync(items);
    }

    /// <summary>Every stream has the subject: one SET per stream.</summary>
    [Benchmark]
    public Task<SsfPublishResult> PublishToEveryStream() => _transmitter.PublishAsync(new CaepSessionRevoked(), Everyone);

    /// <summary>One stream of <see cref="Streams"/> has the subject: the cost of looking at the others.</summary>
    [Benchmark]
    public Task<SsfPublishResult> PublishToOneStream() => _transmitter.PublishAsync(new CaepSessionRevoked(), OnlyFirst);

    private SsfTransmitter NewTransmitter()
    {
        var policy = new SsfEndpointUrlPolicy();
        policy.AllowedHosts.Add(Host);
        return new SsfTransmitter(new SsfTransmitterOptions
        {
            Issuer = "https://tr.example.com",
            EventsSupported = [CaepEventTypes.SessionRevoked],
            Authorize = static (request, _) => ValueTask.FromResult(SsfAuthorizationResult.Allow(new SsfReceiver(request.Authorization!, [$"https://{request.Authorization![7..]}.example.com"]))),
            SigningCredentials = _signing,
            EndpointUrlPolicy = policy,
        }, _store, _outbox, pollQueue: null);
    }

    private SsfManagementResponse Send(SsfManagementEndpoint endpoint, string method, string authorization, string body)
    {
        var response = _transmitter.HandleAsync(new SsfManagementRequest { Endpoint = endpoint, Method = method, Authorization = authorization, Body = Encoding.UTF8.GetBytes(body) }).GetAwaiter().GetResult();
        return response.StatusCode is 200 or 201 ? response : throw new InvalidOperationException($"{method} {endpoint} answered {response.StatusCode}: {Encoding.UTF8.GetString(response.Body.Span)}");
    }
}
