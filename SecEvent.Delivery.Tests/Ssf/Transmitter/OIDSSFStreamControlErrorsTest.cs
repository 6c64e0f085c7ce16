using System.Net;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Events;

namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>
/// The conformance suite's negative stream control modules: create with broken input, invalid token or a duplicate;
/// read, update, replace and delete with an invalid token, an invalid body or an unknown stream; and another
/// receiver's or an unauthorized credential on every operation.
/// </summary>
[TestFixture]
public sealed class OIDSSFStreamControlErrorsTest
{
    private SsfTransmitterHost _transmitter = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _transmitter = await SsfTransmitterHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _transmitter.DisposeAsync();

    [TestCase("not json")]
    [TestCase("[]")]
    [TestCase("""{"delivery":"urn:ietf:rfc:8936"}""")]
    [TestCase("""{"events_requested":"https://schemas.openid.net/secevent/caep/event-type/session-revoked"}""")]
    [TestCase("""{"delivery":{"method":"urn:example:carrier-pigeon"}}""")]
    [TestCase("""{"delivery":{"method":"urn:ietf:rfc:8935"}}""")]
    [TestCase("""{"stream_id":"chosen-by-receiver","delivery":{"method":"urn:ietf:rfc:8936"}}""")]
    public async Task SSF_24_CreateWithBrokenInputAnswers400(string body)
    {
        using var response = await _transmitter.SendAsync(HttpMethod.Post, SsfTransmitterHost.ConfigurationPath, SsfTransmitterHost.ReceiverA, body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task SSF_24_CreateWithDuplicateConfigurationAnswers409WhenOneStreamPerReceiver()
    {
        await using var single = await SsfTransmitterHost.StartAsync(o => o.AllowMultipleStreamsPerReceiver = false);
        await using var receiver = await SsfReceiverHost.StartAsync(single);
        var first = await receiver.Client.CreateStreamAsync(SsfReceiverHost.PollStream());

        var second = () => receiver.Client.CreateStreamAsync(SsfReceiverHost.PollStream());

        (await second.Should().ThrowAsync<SsfStreamException>()).Which.StatusCode.Should().Be(409);
        (await receiver.Client.GetStreamsAsync()).Select(s => s.StreamId).Should().Equal(first.StreamId);
        (await single.CreatePollStreamAsync(SsfTransmitterHost.ReceiverB)).Should().NotBeNullOrEmpty("the limit is per receiver");
    }

    [Test]
    public async Task SSF_24_MultipleStreamsGetNewStreamIdsWhenAllowed()
    {
        var first = await _transmitter.CreatePollStreamAsync(SsfTransmitterHost.ReceiverA);
        var second = await _transmitter.CreatePollStreamAsync(SsfTransmitterHost.ReceiverA);

        second.Should().NotBe(first);
    }

    [TestCaseSource(typeof(SsfOperationCase), nameof(SsfOperationCase.All))]
    public async Task SSF_22_InvalidTokenAnswers401WithAChallenge(SsfOperationCase operation)
    {
        var streamId = await _transmitter.CreatePollStreamAsync(SsfTransmitterHost.ReceiverA);
        foreach (var credential in new[] { null, "Bearer not-a-token", "Basic cmVjZWl2ZXItYTo=" })
        {
            using var response = await operation.SendAsync(_transmitter, streamId, credential);

            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"credential {credential ?? "absent"}");
            response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
        }

        (await ReadAsync(streamId)).Should().Be(HttpStatusCode.OK, "nothing happened to the stream");
    }

    [TestCaseSource(typeof(SsfOperationCase), nameof(SsfOperationCase.All))]
    public async Task SSF_22_ACredentialWithoutAccessAnswers403(SsfOperationCase operation)
    {
        var streamId = await _transmitter.CreatePollStreamAsync(SsfTransmitterHost.ReceiverA);

        using var response = await operation.SendAsync(_transmitter, streamId, SsfTransmitterHost.NoSsf);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [TestCaseSource(typeof(SsfOperationCase), nameof(SsfOperationCase.OnStream))]
    public async Task SSF_22_SomeoneElsesCredentialsAnswer403(SsfOperationCase operation)
    {
        var streamId = await _transmitter.CreatePollStreamAsync(SsfTransmitterHost.ReceiverA);
        var before = await ConfigurationAsync(streamId);

        using var response = await operation.SendAsync(_transmitter, streamId, SsfTransmitterHost.ReceiverB);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ConfigurationAsync(streamId)).Should().Be(before, "B changed nothing of A's stream");
        (await StatusAsync(streamId)).Should().Be(SsfStreamStatuses.Enabled);
    }

    [TestCaseSource(typeof(SsfOperationCase), nameof(SsfOperationCase.OnStream))]
    public async Task SSF_25_28_UnknownStreamAnswers404(SsfOperationCase operation)
    {
        using var response = await operation.SendAsync(_transmitter, "0123456789abcdef0123456789abcdef", SsfTransmitterHost.ReceiverA);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [TestCase("PATCH", "not json")]
    [TestCase("PATCH", """{"description":"no stream id"}""")]
    [TestCase("PATCH", """{"stream_id":"{id}","events_requested":"not-an-array"}""")]
    [TestCase("PATCH", """{"stream_id":"{id}","delivery":{"method":"urn:ietf:rfc:8936","endpoint_url":"https://elsewhere.example.com/poll"}}""")]
    [TestCase("PUT", "not json")]
    [TestCase("PUT", """{"delivery":{"method":"urn:ietf:rfc:8936"},"events_requested":[]}""")]
    [TestCase("PUT", """{"stream_id":"{id}","delivery":{"method":"urn:ietf:rfc:8935"}}""")]
    [TestCase("PUT", """{"stream_id":"{id}","delivery":{"method":"urn:example:carrier-pigeon"}}""")]
    public async Task SSF_26_27_UpdateOrReplaceWithAnInvalidBodyAnswers400(string method, string body)
    {
        var streamId = await _transmitter.CreatePollStreamAsync(SsfTransmitterHost.ReceiverA);
        var before = await ConfigurationAsync(streamId);

        using var response = await _transmitter.SendAsync(new HttpMethod(method), SsfTransmitterHost.ConfigurationPath, SsfTransmitterHost.ReceiverA, body.Replace("{id}", streamId, StringComparison.Ordinal));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConfigurationAsync(streamId)).Should().Be(before);
    }

    [TestCase("DELETE", SsfTransmitterHost.ConfigurationPath)]
    [TestCase("GET", SsfTransmitterHost.StatusPath)]
    public async Task SSF_28_30_OperationsWithoutStreamIdAnswer400(string method, string path)
    {
        using var response = await _transmitter.SendAsync(new HttpMethod(method), path, SsfTransmitterHost.ReceiverA);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private async Task<HttpStatusCode> ReadAsync(string streamId)
    {
        using var response = await _transmitter.SendAsync(HttpMethod.Get, SsfTransmitterHost.ConfigurationPath + "?stream_id=" + streamId, SsfTransmitterHost.ReceiverA);
        return response.StatusCode;
    }

    private async Task<string> ConfigurationAsync(string streamId)
    {
        using var response = await _transmitter.SendAsync(HttpMethod.Get, SsfTransmitterHost.ConfigurationPath + "?stream_id=" + streamId, SsfTransmitterHost.ReceiverA);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> StatusAsync(string streamId)
    {
        using var response = await _transmitter.SendAsync(HttpMethod.Get, SsfTransmitterHost.StatusPath + "?stream_id=" + streamId, SsfTransmitterHost.ReceiverA);
        return System.Text.Json.JsonElement.Parse(await response.Content.ReadAsStringAsync()).GetProperty("status").GetString()!;
    }
}
