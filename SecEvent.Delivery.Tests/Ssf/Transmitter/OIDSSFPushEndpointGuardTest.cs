using System.Net;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>
/// Server-side request forgery through a receiver-supplied push <c>endpoint_url</c>: refused on create and update with
/// the default <see cref="SsfEndpointUrlPolicy"/>, and not connected to by a push client built with
/// <see cref="SsfEndpointUrlGuard.CreateHandler(SsfEndpointUrlPolicy)"/>.
/// </summary>
[TestFixture]
public sealed class OIDSSFPushEndpointGuardTest
{
    private static readonly string[] Refused =
    [
        "http://receiver.example.com/events",
        "https://127.0.0.1/",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.1/",
        "https://localhost/",
        "https://[::1]/events",
        "https://user:secret@receiver.example.com/events",
    ];

    [TestCaseSource(nameof(Refused))]
    public async Task SSF_16_CreateWithARefusedPushEndpointAnswers400(string url)
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync(o => o.EndpointUrlPolicy = new SsfEndpointUrlPolicy());

        using var response = await transmitter.SendAsync(HttpMethod.Post, SsfTransmitterHost.ConfigurationPath, SsfTransmitterHost.ReceiverA, $$$"""{"delivery":{"method":"urn:ietf:rfc:8935","endpoint_url":"{{{url}}}"}}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await transmitter.Store.ListAsync(null)).Should().BeEmpty();
    }

    [TestCaseSource(nameof(Refused))]
    public async Task SSF_16_UpdateOrReplaceToARefusedPushEndpointAnswers400(string url)
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync(o => o.EndpointUrlPolicy = new SsfEndpointUrlPolicy());
        var streamId = await transmitter.CreatePollStreamAsync(SsfTransmitterHost.ReceiverA);

        foreach (var method in new[] { HttpMethod.Patch, HttpMethod.Put })
        {
            using var response = await transmitter.SendAsync(method, SsfTransmitterHost.ConfigurationPath, SsfTransmitterHost.ReceiverA, $$$"""{"stream_id":"{{{streamId}}}","delivery":{"method":"urn:ietf:rfc:8935","endpoint_url":"{{{url}}}"}}""");

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, method.Method);
        }

        (await transmitter.Store.GetAsync(streamId))!.Configuration.Delivery.Method.Should().Be(SsfDeliveryMethods.Poll);
    }

    [Test]
    public async Task SSF_16_AStreamWhoseHostResolvesToLoopbackIsNotPushedTo()
    {
        // The management API admits loopback (as a misconfigured or rebinding name would pass it), the connection does not.
        await using var transmitter = await SsfTransmitterHost.StartAsync(connectPolicy: new SsfEndpointUrlPolicy { AllowHttp = true });
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var viaName = new UriBuilder(receiver.PushUrl) { Host = "localhost" }.Uri.AbsoluteUri;
        var stream = await receiver.Client.CreateStreamAsync(receiver.PushStream() with
        {
            Delivery = new SsfDelivery { Method = SsfDeliveryMethods.Push, EndpointUrl = viaName },
        });
        var alice = new EmailSubjectIdentifier { Email = "alice@example.com" };
        await receiver.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = stream.StreamId, Subject = alice });
        (await transmitter.Transmitter.PublishAsync(new CaepSessionRevoked(), alice)).Queued.Should().Be(1);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = transmitter.Dispatcher.RunAsync(stop.Token);
        while (transmitter.Settlements.IsEmpty && !stop.IsCancellationRequested)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
        }

        transmitter.Settlements.Should().NotBeEmpty();
        transmitter.Settlements.Should().NotContain(s => s.Kind == OutboxSettlementKind.Delivered);
        receiver.PushAuthorizations.Should().BeEmpty("no request reached the receiver");
        receiver.Received.Should().BeEmpty();
    }
}
