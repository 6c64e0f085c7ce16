using SecEvent.Delivery.Keys;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens;
using SecEvent.Tokens.Events;

namespace SecEvent.Demo;

/// <summary>Setting up: discovery, a push stream and a poll stream, the subject, and a verification on each (OpenID SSF 1.0 §7–§8).</summary>
internal sealed partial class DemoScenario
{
    private async Task SetUpStreamsAsync()
    {
        timeline.Phase("Setting up: a transmitter, a relying party, and two Shared Signals streams");
        _transmitter = await TransmitterHost.StartAsync(dataDirectory, timeline);

        var metadata = await new SsfDiscovery(_http, new SsfDiscoveryOptions { AllowHttp = true }).DiscoverAsync(Transmitter.Address);
        timeline.Step("rp", $"discovered the transmitter at {SsfDiscovery.GetConfigurationUri(Transmitter.Address)}");
        timeline.Expect("discovery names the transmitter as issuer, with its keys and endpoints",
            metadata.Issuer == Transmitter.Issuer && metadata.JwksUri is not null && metadata.VerificationEndpoint is not null,
            $"issuer {metadata.Issuer}");

        var keys = new JwksKeySource(_http, new JwksKeySourceOptions { JwksUri = new Uri(metadata.JwksUri!), AllowInsecureHttp = true });
        var sinkOptions = new SsfStreamEventSinkOptions
        {
            StreamUpdated = (update, _) =>
            {
                timeline.Arrival("rp", $"stream {Short(update.StreamId)} is now {update.Status}{(update.Reason is { } reason ? $" ({reason})" : "")}");
                return ValueTask.CompletedTask;
            },
        };
        _pushSink = new SsfStreamEventSink(PushSets, sinkOptions);
        _pollSink = new SsfStreamEventSink(PollSets, sinkOptions);
        _rp = new RelyingPartyHost(metadata.Issuer, keys, _pushSink, timeline);
        await Rp.StartAsync();
        timeline.Step("rp", $"listening at {Rp.Address}: push endpoint {RelyingPartyHost.PushPath}, logout endpoint {RelyingPartyHost.LogoutPath}");

        _streams = new SsfStreamClient(_http, metadata, new SsfStreamClientOptions { AllowHttp = true, AuthorizationHeader = DemoCredentials.Ssf });
        var push = await Streams.CreateStreamAsync(new SsfStreamRequest
        {
            Delivery = new SsfDelivery { Method = SsfDeliveryMethods.Push, EndpointUrl = Rp.PushEndpoint.AbsoluteUri, AuthorizationHeader = DemoCredentials.Push },
            EventsRequested = [.. TransmitterHost.ScenarioEvents],
            Description = "push stream of the demo",
        });
        _pushStream = push.StreamId;
        timeline.Step("rp", $"created push stream {Short(_pushStream)} to {Rp.PushEndpoint}");
        var poll = await Streams.CreateStreamAsync(new SsfStreamRequest
        {
            Delivery = new SsfDelivery { Method = SsfDeliveryMethods.Poll },
            EventsRequested = [.. TransmitterHost.ScenarioEvents],
            Description = "poll stream of the demo",
        });
        _pollStream = poll.StreamId;
        timeline.Step("rp", $"created poll stream {Short(_pollStream)} at {poll.Delivery.EndpointUrl}");
        timeline.Expect("a push stream and a poll stream are created with every requested event delivered",
            push.EventsDelivered.Count == TransmitterHost.ScenarioEvents.Count && poll.EventsDelivered.Count == TransmitterHost.ScenarioEvents.Count
            && poll.Delivery.Method == SsfDeliveryMethods.Poll,
            $"push delivers {push.EventsDelivered.Count} event types, poll {poll.EventsDelivered.Count}");

        foreach (var stream in new[] { _pushStream, _pollStream })
        {
            await Streams.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = stream, Subject = Jane });
        }

        timeline.Step("rp", $"added subject {Jane.Email} to both streams");
        StartPolling(metadata.Issuer, keys, new Uri(poll.Delivery.EndpointUrl!));

        foreach (var (stream, sink, name) in new[] { (_pushStream, _pushSink, "push"), (_pollStream, _pollSink, "poll") })
        {
            timeline.Step("rp", $"requested verification of the {name} stream with a fresh state");
            var verification = await sink.VerifyAsync(stream, Streams.RequestVerificationAsync, WaitLimit);
            timeline.Expect($"the {name} stream's verification event arrives with its state echoed",
                verification.GetEvent<SsfVerificationEvent>() is not null && verification.Issuer == metadata.Issuer,
                $"jti {Short(verification.JwtId)}");
        }
    }

    /// <summary>The relying party's poll loop (RFC 8936): long polls, verifies with the published keys, acknowledges.</summary>
    private void StartPolling(string issuer, JwksKeySource keys, Uri endpoint)
    {
        var client = new PollClient(_http, new PollClientOptions
        {
            Endpoint = new PollEndpoint(endpoint) { AllowHttp = true, AuthorizationHeader = DemoCredentials.Ssf },
            ValidationParameters = new SecurityEventTokenValidationParameters
            {
                Profile = SecurityEventProfile.SharedSignals,
                ValidIssuers = [issuer],
                ValidAudiences = [DemoCredentials.Audience],
                SigningKeyResolver = keys.SigningKeyResolver,
            },
            AttemptTimeout = TimeSpan.FromSeconds(45), // longer than the transmitter's 30-second long poll
            RetryBaseDelay = TimeSpan.FromMilliseconds(200),
            RetryMaxDelay = TimeSpan.FromSeconds(1),
        }, _pollSink!);
        _polling = Task.Run(() => client.RunAsync(_stopping.Token));
        timeline.Step("rp", $"polling {endpoint}");
    }

    /// <summary>The start of a long identifier, enough to tell them apart on the timeline.</summary>
    private static string Short(string id) => id.Length > 8 ? id[..8] + "…" : id;
}
