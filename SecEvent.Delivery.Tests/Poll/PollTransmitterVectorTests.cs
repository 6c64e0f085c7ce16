using System.Text;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// RFC 8936's own figures (<c>../shared/vectors/rfc8936-*</c>), sent over real HTTP to a transmitter holding the two SETs
/// of figure 6: each request figure gets the answer the RFC describes, and the responses have the figures' shape.
/// </summary>
public class PollTransmitterVectorTests
{
    private const string Stream = "Events";
    private const string First = "4d3559ec67504aaba65d40b0363faad8";
    private const string Second = "3d0c3cf797584bd193bd0fb1bd4e7d30";

    private static JsonElement Figure6Sets => Vectors.Named("rfc8936-fig6-poll-response").Data.GetProperty("body").GetProperty("sets");

    /// <summary>A host whose stream holds figure 6's SETs, in the figure's order.</summary>
    private static async Task<PollHost> HostWithFigure6Async(Action<PollTransmitterOptions>? configure = null)
    {
        var host = await PollHost.StartAsync(configure: configure);
        await host.Transmitter.PublishAsync(Stream, [.. Figure6Sets.EnumerateObject().Select(p => p.Value.GetString()!)]);
        return host;
    }

    /// <summary>Sends a request figure as printed: its method, its headers but Host, its body.</summary>
    private static async Task<PollReply> SendFigureAsync(PollHost host, string name)
    {
        var data = Vectors.Named(name).Data;
        using var request = new HttpRequestMessage(new HttpMethod(data.GetProperty("method").GetString()!), host.StreamUri(Stream))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(data.GetProperty("body").GetRawText())),
        };
        foreach (var header in data.GetProperty("headers").EnumerateArray())
        {
            var (headerName, value) = (header[0].GetString()!, header[1].GetString()!);
            if (!string.Equals(headerName, "Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.Remove(headerName);
                request.Content.Headers.TryAddWithoutValidation(headerName, value).Should().BeTrue(headerName);
            }
        }

        return await host.SendAsync(request);
    }

    [Test]
    public async Task Figure1_ShortPollWithSetsWaiting_AnsweredWithFigure6POLL09()
    {
        await using var host = await HostWithFigure6Async();

        var reply = await SendFigureAsync(host, "rfc8936-fig1-poll-request-initial");

        var figure6 = Vectors.Named("rfc8936-fig6-poll-response").Data;
        reply.Status.Should().Be(figure6.GetProperty("status").GetInt32());
        reply.Header("Content-Type").Should().Be("application/json");
        reply.Header("Cache-Control").Should().Be("no-store");
        reply.Sets.Should().Equal(Figure6Sets.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)));
        reply.Json.TryGetProperty("moreAvailable", out _).Should().BeFalse("moreAvailable is omitted when false, as in figure 6");
        JsonElement.DeepEquals(reply.Json, figure6.GetProperty("body")).Should().BeTrue();
    }

    [Test]
    public async Task Figure1_ShortPollWithNothingWaiting_AnsweredWithFigure7AtOncePOLL09()
    {
        await using var host = await PollHost.StartAsync(configure: o => o.LongPollTimeout = TimeSpan.FromMinutes(5));

        var reply = await SendFigureAsync(host, "rfc8936-fig1-poll-request-initial");

        var figure7 = Vectors.Named("rfc8936-fig7-poll-response-empty").Data;
        reply.Status.Should().Be(figure7.GetProperty("status").GetInt32());
        reply.Header("Content-Type").Should().Be("application/json");
        reply.Body.Should().Be("""{"sets":{}}""");
        JsonElement.DeepEquals(reply.Json, figure7.GetProperty("body")).Should().BeTrue();
    }

    [Test]
    public async Task Figure2_DefaultLongPollWithSetsWaiting_AnsweredAtOnceWithThemPOLL09()
    {
        await using var host = await HostWithFigure6Async(o => o.LongPollTimeout = TimeSpan.FromMinutes(5));

        var reply = await SendFigureAsync(host, "rfc8936-fig2-poll-request-default");

        reply.Status.Should().Be(200);
        reply.Jtis.Should().Equal(First, Second);
    }

    [Test]
    public async Task Figure3_AcknowledgeOnlyAfterFigure6_BothRemovedAndEmptyAnswerAtOncePOLL06POLL07()
    {
        await using var host = await HostWithFigure6Async(o => o.LongPollTimeout = TimeSpan.FromMinutes(5));
        (await SendFigureAsync(host, "rfc8936-fig1-poll-request-initial")).Jtis.Should().HaveCount(2);

        var reply = await SendFigureAsync(host, "rfc8936-fig3-poll-request-ack-only");

        reply.Status.Should().Be(200);
        reply.Body.Should().Be("""{"sets":{}}""");
        host.Handled.Last().Should().BeOfType<PollEndpointResponse>().Which.Acknowledged.Should().Be(2);
        (await host.Queue.GetStatisticsAsync()).Should().Be(new OutboxStatistics(0, null, 0));
    }

    [Test]
    public async Task Figure4_AcknowledgeAndLongPoll_AcknowledgedFirstThenAnsweredWithTheNextSetPOLL06()
    {
        await using var host = await HostWithFigure6Async(o => o.LongPollTimeout = TimeSpan.FromMinutes(5));
        (await SendFigureAsync(host, "rfc8936-fig1-poll-request-initial")).Jtis.Should().HaveCount(2);
        await host.PublishAsync(Stream, "third");

        var reply = await SendFigureAsync(host, "rfc8936-fig4-poll-request-ack");

        reply.Status.Should().Be(200);
        reply.Jtis.Should().Equal("third");
        host.Handled.Last().Should().BeOfType<PollEndpointResponse>().Which.Acknowledged.Should().Be(2);
        (await host.Queue.GetStatisticsAsync()).Pending.Should().Be(1);
    }

    [Test]
    public async Task Figure5_AcknowledgeWithAnError_OneRemovedOneDeadLetteredWithItsErrPOLL08POLL11()
    {
        var reported = new List<(string Stream, IReadOnlyDictionary<string, PollSetError> Errors)>();
        await using var host = await HostWithFigure6Async(o => o.SetErrorsReported = (stream, errors, _) =>
        {
            reported.Add((stream, errors));
            return ValueTask.CompletedTask;
        });
        (await SendFigureAsync(host, "rfc8936-fig1-poll-request-initial")).Jtis.Should().HaveCount(2);

        var reply = await SendFigureAsync(host, "rfc8936-fig5-poll-request-ack-with-error");

        reply.Status.Should().Be(200);
        reply.Body.Should().Be("""{"sets":{}}""");
        host.Handled.Last().Should().BeOfType<PollEndpointResponse>().Which.Should().Match<PollEndpointResponse>(r => r.Acknowledged == 1 && r.Rejected == 1);
        var dead = (await host.Queue.ListDeadLettersAsync(10)).Should().ContainSingle().Subject;
        dead.Jti.Should().Be(First);
        dead.Reason.Should().Be("authentication_failed: The SET could not be authenticated");
        (await host.Queue.GetDeadLetterAsync(dead.Id))!.Attempts[^1].Should().Match<OutboxAttempt>(a =>
            a.Outcome == PushOutcome.Rejected && a.ErrorCode == "authentication_failed");
        reported.Should().ContainSingle().Which.Errors.Keys.Should().Equal(First);
        reported[0].Stream.Should().Be(Stream);
        (await host.Queue.GetStatisticsAsync()).Pending.Should().Be(0);
    }

    [Test]
    public async Task Section251_InvalidPollRequest_AnsweredWithTheErrorVectorsStatusPOLL10()
    {
        await using var host = await HostWithFigure6Async();
        var vector = Vectors.Named("rfc8936-sec2.5.1-poll-error-response").Data;

        var reply = await host.PollAsync(Stream, """{"maxEvents":"ten"}""");

        reply.Status.Should().Be(vector.GetProperty("status").GetInt32());
        reply.Json.GetProperty("err").GetString().Should().Be("invalid_request", "the body is informational, in the shape of RFC 8935 §2.3");
        reply.Header("Content-Language").Should().Be("en");
        (await host.Queue.GetStatisticsAsync()).Pending.Should().Be(2, "an invalid request changes nothing");
    }
}
