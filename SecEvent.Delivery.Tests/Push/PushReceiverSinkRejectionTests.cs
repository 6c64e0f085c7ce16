using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>
/// A sink that refuses a SET with a <see cref="SecurityEventTokenException"/> gets the SET rejected with that RFC 8935
/// code over real HTTP; any other sink failure still asks the transmitter to retry.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PushReceiverSinkRejectionTests
{
    private static async Task<(LoopbackServer Server, RecordingSink Sink, LogCollector Logs)> StartAsync()
    {
        var sink = new RecordingSink();
        var logs = new LogCollector();
        var receiver = new PushReceiver(PushSets.Options(), sink, PushSets.Clock(), logs);
        return (await LoopbackServer.StartAsync(PushReceiverEndpoint.For(receiver)), sink, logs);
    }

    private static async Task<HttpResponseMessage> PushAsync(HttpClient http, LoopbackServer server, string set)
    {
        var content = new StringContent(set, Encoding.ASCII);
        content.Headers.ContentType = new MediaTypeHeaderValue(SecurityEventMediaTypes.SecurityEventJwt);
        return await http.PostAsync(new Uri(server.BaseAddress, "events"), content);
    }

    [Test]
    public async Task PUSH_11_SinkRejectsWithSecurityEventTokenException_Answers400WithItsErrAndDescription()
    {
        var (server, sink, logs) = await StartAsync();
        await using var _ = server;
        sink.FailWith = new SecurityEventTokenException(new SecurityEventError(SecurityEventErrorCodes.InvalidState, "No such verification."));
        using var http = PushTestKit.NewHttpClient();

        using var response = await PushAsync(http, server, PushSets.Token("refused"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Content.Headers.ContentLanguage.Should().NotBeEmpty("PUSH-12");
        var body = JsonElement.Parse(await response.Content.ReadAsStringAsync());
        body.GetProperty("err").GetString().Should().Be("invalid_state");
        body.GetProperty("description").GetString().Should().Be("No such verification.");
        logs.Entries.Should().Contain(e => e.Id.Id == 2002 && e.Message.Contains("invalid_state"), "logged like a validation refusal");
    }

    [Test]
    public async Task PUSH_04_RejectedSetIsNotRecorded_ResentItReachesTheSinkAgain()
    {
        var (server, sink, _) = await StartAsync();
        await using var __ = server;
        sink.FailWith = new SecurityEventTokenException(new SecurityEventError(SecurityEventErrorCodes.AccessDenied, "Not yet."));
        using var http = PushTestKit.NewHttpClient();
        var set = PushSets.Token("again");

        using var first = await PushAsync(http, server, set);
        sink.FailWith = null;
        using var second = await PushAsync(http, server, set);

        first.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        second.StatusCode.Should().Be(HttpStatusCode.Accepted, "the rejection was not remembered as a delivery");
        sink.Calls.Should().Be(2);
        sink.Accepted.Should().ContainSingle();
    }

    [Test]
    public async Task PUSH_10_SinkThrowsAnOrdinaryException_StillAnswers500WithoutAnErrCode()
    {
        var (server, sink, _) = await StartAsync();
        await using var __ = server;
        sink.FailWith = new InvalidOperationException("database down");
        using var http = PushTestKit.NewHttpClient();

        using var response = await PushAsync(http, server, PushSets.Token("retry-me"));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
    }
}
