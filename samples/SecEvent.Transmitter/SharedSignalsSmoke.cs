using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SecEvent.Delivery.Keys;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Ssf;
using SecEvent.Receiver;
using SecEvent.Tokens;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Transmitter;

/// <summary>
/// The smoke run's Shared Signals part, from a relying party's side: it discovers this transmitter, creates a push stream
/// to an endpoint of its own (another Kestrel server), adds a subject, verifies the stream, receives an event about its
/// subject and none about another, and sees the transmitter refuse another receiver and a push URL at the cloud metadata
/// address.
/// </summary>
internal static class SharedSignalsSmoke
{
    private const string Audience = "https://rp.example.com";
    private const string PushCredential = "Bearer rp-push-credential";

    public static async Task RunAsync(Uri transmitter, SharedSignals ssf, Action<bool, string> expect, Func<Func<Task<bool>>, Task<bool>> eventually)
    {
        var issuer = transmitter.GetLeftPart(UriPartial.Authority);
        using var http = new HttpClient();
        var metadata = await new SsfDiscovery(http, new SsfDiscoveryOptions { AllowHttp = true }).DiscoverAsync(new Uri(issuer));
        expect(metadata.Issuer == issuer && metadata.DefaultSubjects == "NONE", "SSF: the configuration is discovered at /.well-known/ssf-configuration and names this issuer");

        var received = new ConcurrentQueue<SecurityEventToken>();
        var keys = new JwksKeySource(http, new JwksKeySourceOptions { JwksUri = new Uri(metadata.JwksUri!), AllowInsecureHttp = true });
        var sink = new SsfStreamEventSink(new Recording(received));
        var receiver = new PushReceiver(new PushReceiverOptions
        {
            ValidationParameters = new SecurityEventTokenValidationParameters
            {
                Profile = SecurityEventProfile.SharedSignals,
                ValidIssuers = [issuer],
                ValidAudiences = [Audience],
                SigningKeyResolver = keys.SigningKeyResolver,
            },
            AuthenticateTransmitter = (request, _) => ValueTask.FromResult(request.Authorization == PushCredential
                ? PushAuthorizationResult.Allowed
                : PushAuthorizationResult.Refused("The transmitter's credential is missing or wrong.")),
        }, sink);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var rp = builder.Build();
        rp.MapPushReceiver("/events", receiver);
        await rp.StartAsync();
        var events = new Uri(new Uri(rp.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/events");

        var streams = new SsfStreamClient(http, metadata, new SsfStreamClientOptions { AllowHttp = true, AuthorizationHeader = "Bearer rp-ssf-credential" });
        var push = await streams.CreateStreamAsync(new SsfStreamRequest
        {
            Delivery = new SsfDelivery { Method = SsfDeliveryMethods.Push, EndpointUrl = events.AbsoluteUri, AuthorizationHeader = PushCredential },
            EventsRequested = [CaepEventTypes.SessionRevoked, "urn:example:not-supported"],
        });
        expect(push.Audience.SequenceEqual([Audience]) && push.EventsDelivered.SequenceEqual([CaepEventTypes.SessionRevoked]),
            "SSF: a push stream is created; its aud is the receiver's and events_delivered what it asked for that is supported");

        await streams.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = push.StreamId, Subject = new EmailSubjectIdentifier { Email = "jane@example.com" } });
        var verification = await sink.VerifyAsync(push.StreamId, streams.RequestVerificationAsync, TimeSpan.FromSeconds(30));
        expect(verification.Issuer == issuer, "SSF: verification requested, and the verification event pushed back with its state echoed");

        var jane = await ssf.SessionRevokedAsync("jane@example.com", CancellationToken.None);
        var john = await ssf.SessionRevokedAsync("john@example.com", CancellationToken.None);
        expect(jane.Queued == 1 && john.Streams == 0 && await eventually(() => Task.FromResult(received.Count(t => t.Events.Any(e => e is CaepSessionRevoked)) == 1)),
            "SSF: a session-revoked event about the added subject arrives; none about a subject the stream does not have");

        var poll = await streams.CreateStreamAsync(new SsfStreamRequest { EventsRequested = [CaepEventTypes.SessionRevoked] });
        expect(poll.Delivery is { Method: SsfDeliveryMethods.Poll } delivery && delivery.EndpointUrl == $"{issuer}/ssf/poll/{poll.StreamId}",
            "SSF: a stream created without delivery is a poll stream at the transmitter's endpoint");

        var other = new SsfStreamClient(http, metadata, new SsfStreamClientOptions { AllowHttp = true, AuthorizationHeader = "Bearer other-ssf-credential", MaxRetries = 0 });
        expect(await MeaningAsync(() => other.GetStreamAsync(push.StreamId)) == SsfStatusMeaning.Forbidden,
            "SSF: another receiver's credential gets 403 for this receiver's stream");
        expect(await MeaningAsync(() => streams.CreateStreamAsync(new SsfStreamRequest
        {
            Delivery = new SsfDelivery { Method = SsfDeliveryMethods.Push, EndpointUrl = "https://169.254.169.254/latest/meta-data/" },
        })) == SsfStatusMeaning.InvalidRequest, "SSF: a push endpoint at the cloud metadata address is refused (400)");

        await streams.DeleteStreamAsync(push.StreamId);
        await streams.DeleteStreamAsync(poll.StreamId);
        expect((await streams.GetStreamsAsync()).Count == 0, "SSF: both streams are deleted");
        await rp.StopAsync();
    }

    private static async Task<SsfStatusMeaning?> MeaningAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (SsfStreamException e)
        {
            return e.Meaning;
        }
    }

    private sealed class Recording(ConcurrentQueue<SecurityEventToken> received) : ISecurityEventSink
    {
        public ValueTask AcceptAsync(SecurityEventToken token, CancellationToken cancellationToken)
        {
            received.Enqueue(token);
            return ValueTask.CompletedTask;
        }
    }
}
