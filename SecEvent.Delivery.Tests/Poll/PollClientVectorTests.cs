using System.Text;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens;
using static SecEvent.Delivery.Tests.Poll.PollClientTestKit;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// RFC 8936's response figures (<c>../shared/vectors/rfc8936-*</c>) served by the fake transmitter. Figure 6's SETs are
/// unsecured (<c>alg: none</c>, no <c>typ</c>) and addressed to two different feeds: refused by default, and accepted for
/// one audience only when unsecured SETs are allowed, which makes the next request the shape of figure 5.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PollClientVectorTests
{
    private const string ScimSet = "4d3559ec67504aaba65d40b0363faad8";
    private const string PasswordResetSet = "3d0c3cf797584bd193bd0fb1bd4e7d30";

    private static string Figure6Body => Vector("rfc8936-fig6-poll-response").GetProperty("body").GetRawText();

    [Test]
    public void PollResponse_Figure6_ParsesAndRoundTripsKeyedByJti()
    {
        var body = Vector("rfc8936-fig6-poll-response").GetProperty("body");

        PollResponse.TryParse(Encoding.UTF8.GetBytes(body.GetRawText()), out var response, out var error).Should().BeTrue(error);

        response!.MoreAvailable.Should().BeFalse("an omitted moreAvailable means false (RFC 8936 §2.3)");
        response.Sets.Keys.Should().BeEquivalentTo(ScimSet, PasswordResetSet);
        response.Sets[ScimSet].Should().Be(Vector("rfc8936-fig6-set-4d3559ec").GetProperty("compact").GetString());
        response.Sets[PasswordResetSet].Should().Be(Vector("rfc8936-fig6-set-3d0c3cf7").GetProperty("compact").GetString());
        JsonElement.DeepEquals(JsonElement.Parse(response.ToUtf8Json()), body).Should().BeTrue();
    }

    [Test]
    public async Task POLL_01_POLL_08_PollOnceAsync_Figure6WithDefaultParameters_BothUnsecuredSetsReported()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Script = async (poll, context) =>
        {
            if (poll.Number > 1)
            {
                return false;
            }

            await FakeTransmitter.WriteAsync(context, 200, Figure6Body);
            return true;
        };
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var options = Options(transmitter, o => o.ValidationParameters = Figure6Parameters(allowUnsecured: false));
        var client = new PollClient(http, options, sink);

        var round = await client.PollOnceAsync();
        await client.AcknowledgeAsync();

        round.Rejected.Should().Be(2);
        sink.Calls.Should().Be(0);
        transmitter.Errors.Keys.Should().BeEquivalentTo(ScimSet, PasswordResetSet);
    }

    [Test]
    public async Task POLL_06_POLL_11_PollOnceAsync_Figure6ForOneFeed_NextRequestHasTheShapeOfFigure5()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Script = async (poll, context) =>
        {
            if (poll.Number > 1)
            {
                return false;
            }

            await FakeTransmitter.WriteAsync(context, 200, Figure6Body);
            return true;
        };
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var options = Options(transmitter, o =>
        {
            o.ValidationParameters = Figure6Parameters(allowUnsecured: true);
            o.ContentLanguage = "en-US";
            o.MaxEvents = null;
        });
        var client = new PollClient(http, options, sink);

        var round = await client.PollOnceAsync();
        await client.PollOnceAsync();

        round.Accepted.Should().Be(1);
        round.Rejected.Should().Be(1);
        sink.Accepted.Single().JwtId.Should().Be(PasswordResetSet);
        var figure5 = Vector("rfc8936-fig5-poll-request-ack-with-error");
        var second = transmitter.Requests.ElementAt(1);
        second.Members.Should().Equal(figure5.GetProperty("body").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        second.Acks.Should().Equal(figure5.GetProperty("body").GetProperty("ack").EnumerateArray().Select(a => a.GetString()));
        second.SetErrs.Keys.Should().Equal(figure5.GetProperty("body").GetProperty("setErrs").EnumerateObject().Select(p => p.Name));
        second.SetErrs[ScimSet].Code.Should().Be(SecurityEventErrorCodes.InvalidAudience);
        second.ContentLanguage.Should().Be(figure5.GetProperty("headers").EnumerateArray().Single(h => h[0].GetString() == "Content-Language")[1].GetString());
        second.ContentType.Should().Be("application/json");
    }

    [Test]
    public async Task POLL_09_PollOnceAsync_Figure7EmptyResponse_NothingReceivedNoMoreAvailable()
    {
        var figure7 = Vector("rfc8936-fig7-poll-response-empty");
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Script = async (_, context) =>
        {
            await FakeTransmitter.WriteAsync(context, figure7.GetProperty("status").GetInt32(), figure7.GetProperty("body").GetRawText(),
                figure7.GetProperty("headers")[0][1].GetString()!);
            return true;
        };
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = new PollClient(http, Options(transmitter), sink);

        var round = await client.PollOnceAsync();

        round.Received.Should().Be(0);
        round.MoreAvailable.Should().BeFalse();
        sink.Calls.Should().Be(0);
    }

    /// <summary>The figure's issuer and the password-reset SET's feed as audience; its SETs are from 2016, so no age limit.</summary>
    private static SecurityEventTokenValidationParameters Figure6Parameters(bool allowUnsecured) => new()
    {
        ValidIssuers = ["https://scim.example.com"],
        ValidAudiences = ["https://jhub.example.com/Feeds/98d52461fa5bbc879593b7754"],
        AllowUnsecuredTokens = allowUnsecured,
    };
}
