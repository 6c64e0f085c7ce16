using System.Text;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// Requests that are not well-formed polls, over real HTTP: each gets its HTTP status (405, 415, 413, 400 with a small
/// JSON body, POLL-10), and none acknowledges, rejects or leases anything.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PollTransmitterRequestTests
{
    private const string Stream = "stream-a";

    [TestCase("GET")]
    [TestCase("PUT")]
    [TestCase("DELETE")]
    public async Task HandleAsync_NotPost_405WithAllowPost(string method)
    {
        await using var host = await HostWithOneSetAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), host.StreamUri(Stream));
        if (method != "GET")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        var reply = await host.SendAsync(request);

        reply.Status.Should().Be(405);
        reply.Header("Allow").Should().Be("POST");
        await NothingChangedAsync(host);
    }

    [TestCase(null)]
    [TestCase("text/plain")]
    [TestCase("application/secevent+jwt")]
    [TestCase("application/json; charset=iso-8859-1")]
    [TestCase("application/jsonx")]
    public async Task HandleAsync_NotJson_415(string? contentType)
    {
        await using var host = await HostWithOneSetAsync();

        var reply = await host.PollAsync(Stream, """{"returnImmediately":true}""", contentType);

        reply.Status.Should().Be(415);
        reply.Header("Accept").Should().Be("application/json");
        await NothingChangedAsync(host);
    }

    [TestCase("application/json; charset=utf-8")]
    [TestCase("Application/JSON")]
    [TestCase("application/json;charset=\"UTF-8\"")]
    public async Task HandleAsync_JsonWithCharsetOrOtherCase_Accepted(string contentType)
    {
        await using var host = await HostWithOneSetAsync();

        var reply = await host.PollAsync(Stream, """{"returnImmediately":true}""", contentType);

        reply.Status.Should().Be(200);
        reply.Jtis.Should().Equal("a");
    }

    [Test]
    public async Task HandleAsync_DeclaredLengthOverTheLimit_413Unread()
    {
        await using var host = await HostWithOneSetAsync(o => o.MaximumRequestSize = 100);

        var reply = await host.PollAsync(Stream, "{\"ack\":[\"" + new string('x', 200) + "\"]}");

        reply.Status.Should().Be(413);
        await NothingChangedAsync(host);
    }

    [Test]
    public async Task HandleAsync_ChunkedBodyOverTheLimit_413WhenRead()
    {
        await using var host = await HostWithOneSetAsync(o => o.MaximumRequestSize = 100);
        using var request = new HttpRequestMessage(HttpMethod.Post, host.StreamUri(Stream))
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"ack\":[\"" + new string('x', 200) + "\"]}"))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        var reply = await host.SendAsync(request);

        reply.Status.Should().Be(413);
        await NothingChangedAsync(host);
    }

    [TestCase("", TestName = "HandleAsync_EmptyBody_400POLL10")]
    [TestCase("null", TestName = "HandleAsync_JsonNull_400POLL10")]
    [TestCase("[]", TestName = "HandleAsync_JsonArray_400POLL10")]
    [TestCase("{", TestName = "HandleAsync_TruncatedJson_400POLL10")]
    [TestCase("""{"maxEvents":1,"maxEvents":2}""", TestName = "HandleAsync_DuplicateMember_400POLL10")]
    [TestCase("""{"ack":["a"],"ack":[]}""", TestName = "HandleAsync_DuplicateAck_400POLL10")]
    [TestCase("""{"maxEvents":"1"}""", TestName = "HandleAsync_MaxEventsString_400POLL10")]
    [TestCase("""{"maxEvents":1.5}""", TestName = "HandleAsync_MaxEventsFraction_400POLL10")]
    [TestCase("""{"maxEvents":-1}""", TestName = "HandleAsync_NegativeMaxEvents_400POLL10")]
    [TestCase("""{"maxEvents":99999999999}""", TestName = "HandleAsync_MaxEventsOverflow_400POLL10")]
    [TestCase("""{"returnImmediately":"true"}""", TestName = "HandleAsync_ReturnImmediatelyString_400POLL10")]
    [TestCase("""{"ack":"a"}""", TestName = "HandleAsync_AckNotAnArray_400POLL10")]
    [TestCase("""{"ack":[1]}""", TestName = "HandleAsync_AckNumber_400POLL10")]
    [TestCase("""{"ack":[""]}""", TestName = "HandleAsync_AckEmptyJti_400POLL10")]
    [TestCase("""{"ack":[null]}""", TestName = "HandleAsync_AckNullJti_400POLL10")]
    [TestCase("""{"setErrs":[]}""", TestName = "HandleAsync_SetErrsArray_400POLL10")]
    [TestCase("""{"setErrs":{"a":"bad"}}""", TestName = "HandleAsync_SetErrsEntryString_400POLL10")]
    [TestCase("""{"setErrs":{"a":{"err":"invalid_key"}}}""", TestName = "HandleAsync_SetErrsWithoutDescription_400POLL10")]
    [TestCase("""{"setErrs":{"a":{"description":"x"}}}""", TestName = "HandleAsync_SetErrsWithoutErr_400POLL10")]
    [TestCase("""{"setErrs":{"a":{"err":"invalid_key","description":"x"},"a":{"err":"invalid_key","description":"y"}}}""", TestName = "HandleAsync_SetErrsDuplicateJti_400POLL10")]
    [TestCase("""{"ack":["a"],"setErrs":{"a":{"err":"invalid_key","description":"x"}}}""", TestName = "HandleAsync_JtiInAckAndSetErrs_400POLL10")]
    [TestCase("""{"ack":[[[[[[[[[["a"]]]]]]]]]]}""", TestName = "HandleAsync_DeepNesting_400POLL10")]
    [TestCase("""{"x":{"y":{"z":{"a":{"b":{"c":{"d":{"e":{"f":{}}}}}}}}}}""", TestName = "HandleAsync_DeepNestingInUnknownMember_400POLL10")]
    [TestCase("{\"ack\":[\"\\uD800\"]}", TestName = "HandleAsync_LoneSurrogate_400POLL10")]
    public async Task HandleAsync_MalformedBody_400WithInvalidRequestAndNothingApplied(string body)
    {
        await using var host = await HostWithOneSetAsync();

        var reply = await host.PollAsync(Stream, body, configure: r => r.Content!.Headers.ContentLanguage.Add("en"));

        reply.Status.Should().Be(400);
        reply.Header("Content-Type").Should().Be("application/json");
        reply.Header("Content-Language").Should().Be("en");
        reply.Json.GetProperty("err").GetString().Should().Be("invalid_request");
        reply.Json.GetProperty("description").GetString().Should().NotBeNullOrEmpty().And.NotContain(PushSets.Token("a"));
        await NothingChangedAsync(host);
    }

    [Test]
    public async Task HandleAsync_InvalidUtf8_400()
    {
        await using var host = await HostWithOneSetAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, host.StreamUri(Stream))
        {
            Content = new ByteArrayContent([.. "{\"ack\":[\""u8.ToArray(), 0xC3, 0x28, .. "\"]}"u8.ToArray()]),
        };
        request.Content.Headers.ContentType = new("application/json");

        var reply = await host.SendAsync(request);

        reply.Status.Should().Be(400);
        await NothingChangedAsync(host);
    }

    [Test]
    public async Task HandleAsync_HugeAckArrayWithinTheLimit_AppliedWithoutTrouble()
    {
        await using var host = await HostWithOneSetAsync();
        var jtis = Enumerable.Range(0, 20_000).Select(i => $"unknown-{i}").Append("a").ToArray();

        var reply = await host.PollAsync(Stream, new { ack = jtis, maxEvents = 0, returnImmediately = true });

        reply.Status.Should().Be(200);
        host.Handled.Single().Should().BeOfType<PollEndpointResponse>().Which.Acknowledged.Should().Be(1);
        (await host.Queue.GetStatisticsAsync()).Pending.Should().Be(0);
    }

    [Test]
    public async Task HandleAsync_SetErrsWithoutContentLanguage_400AndNothingAppliedPOLL11()
    {
        await using var host = await HostWithOneSetAsync();

        var reply = await host.PollAsync(Stream, """{"ack":["b"],"setErrs":{"a":{"err":"invalid_key","description":"Unknown kid"}},"returnImmediately":true}""");

        reply.Status.Should().Be(400);
        reply.Json.GetProperty("description").GetString().Should().Contain("Content-Language");
        await NothingChangedAsync(host);
    }

    [Test]
    public async Task HandleAsync_UnknownMembers_Ignored()
    {
        await using var host = await HostWithOneSetAsync();

        var reply = await host.PollAsync(Stream, """{"returnImmediately":true,"futureMember":{"x":[1,2,3]}}""");

        reply.Status.Should().Be(200);
        reply.Jtis.Should().Equal("a");
    }

    [Test]
    public async Task HandleAsync_NoStream_ThrowsArgumentException()
    {
        var transmitter = new PollTransmitter(new InMemorySecurityEventOutbox(), new PollTransmitterOptions());

        await transmitter.Invoking(t => t.HandleAsync(new PollEndpointRequest { Body = new MemoryStream(), StreamId = "" }).AsTask())
            .Should().ThrowAsync<ArgumentException>();
    }

    [Test]
    public void Constructor_OptionsOutOfRange_ThrowArgumentException()
    {
        var queue = new InMemorySecurityEventOutbox();
        foreach (var configure in new Action<PollTransmitterOptions>[]
        {
            o => o.MaxEvents = 0,
            o => o.LongPollTimeout = TimeSpan.FromSeconds(-1),
            o => o.RedeliveryDelay = TimeSpan.Zero,
            o => o.MaxAge = TimeSpan.Zero,
            o => o.MaxOffers = 0,
            o => o.MaximumRequestSize = 0,
            o => o.AuthenticationChallenge = " ",
            o => o.RecheckInterval = TimeSpan.Zero,
            o => o.ContentLanguage = "",
        })
        {
            var options = new PollTransmitterOptions();
            configure(options);
            FluentActions.Invoking(() => new PollTransmitter(queue, options)).Should().Throw<ArgumentException>();
        }
    }

    private static async Task<PollHost> HostWithOneSetAsync(Action<PollTransmitterOptions>? configure = null)
    {
        var host = await PollHost.StartAsync(configure: configure);
        await host.PublishAsync(Stream, "a");
        return host;
    }

    /// <summary>The SET is still pending, unleased and never offered.</summary>
    private static async Task NothingChangedAsync(PollHost host)
    {
        (await host.Queue.GetStatisticsAsync()).Should().Be(new OutboxStatistics(1, PushSets.Now, 0));
        var lease = await host.Queue.LeaseStreamAsync(Stream, 10, host.Time.Now, TimeSpan.FromMinutes(1));
        lease.Messages.Should().ContainSingle().Which.Attempts.Should().Be(0);
    }
}
