using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>Our push client against our push receiver, hosted on a real Kestrel: the two halves of RFC 8935 agree.</summary>
public class PushEndToEndTests
{
    [Test]
    public async Task PushAsync_ValidSetToOurReceiver_DeliveredOnceEvenWhenPushedTwicePUSH04()
    {
        var sink = new RecordingSink();
        await using var server = await LoopbackServer.StartAsync(PushReceiverEndpoint.For(new PushReceiver(PushSets.Options(), sink, PushSets.Clock())));
        using var http = new HttpClient();
        var client = new PushClient(http, PushTestKit.FastOptions());
        var endpoint = new PushEndpoint(server.BaseAddress) { AllowHttp = true };
        var set = PushSets.Token("e2e-1");

        var first = await client.PushAsync(set, endpoint);
        var second = await client.PushAsync(set, endpoint);

        first.Outcome.Should().Be(PushOutcome.Delivered);
        second.Outcome.Should().Be(PushOutcome.Delivered);
        sink.Accepted.Should().ContainSingle().Which.JwtId.Should().Be("e2e-1");
    }

    [TestCase("wrong-key", SecurityEventErrorCodes.InvalidKey)]
    [TestCase("wrong-issuer", SecurityEventErrorCodes.InvalidIssuer)]
    [TestCase("wrong-audience", SecurityEventErrorCodes.InvalidAudience)]
    [TestCase("garbage", SecurityEventErrorCodes.InvalidRequest)]
    public async Task PushAsync_SetOurReceiverRefuses_RejectedWithItsErrPUSH11(string kind, string err)
    {
        var sink = new RecordingSink();
        await using var server = await LoopbackServer.StartAsync(PushReceiverEndpoint.For(new PushReceiver(PushSets.Options(), sink, PushSets.Clock())));
        using var http = new HttpClient();
        var options = PushTestKit.FastOptions();
        options.RejectionRetryAttempts = 0;
        var client = new PushClient(http, options);
        var set = kind switch
        {
            "wrong-key" => PushSets.Token(key: PushSets.OtherKey),
            "wrong-issuer" => PushSets.Token(issuer: "https://someone-else.example.com"),
            "wrong-audience" => PushSets.Token(audience: "https://someone-else.example.com"),
            _ => "not-a-token",
        };

        var result = await client.PushAsync(set, new PushEndpoint(server.BaseAddress) { AllowHttp = true });

        result.Outcome.Should().Be(PushOutcome.Rejected);
        result.ErrorCode.Should().Be(err);
        result.ErrorDescription.Should().NotBeNullOrEmpty();
        sink.Calls.Should().Be(0);
    }

    [Test]
    public async Task PushAsync_ReceiverSinkFailsOnce_RetriedThenDeliveredPUSH03()
    {
        var calls = 0;
        var receiver = new PushReceiver(
            PushSets.Options(),
            (_, _) => Interlocked.Increment(ref calls) == 1 ? throw new IOException("disk full") : ValueTask.CompletedTask,
            PushSets.Clock());
        await using var server = await LoopbackServer.StartAsync(PushReceiverEndpoint.For(receiver));
        using var http = new HttpClient();
        var client = new PushClient(http, PushTestKit.FastOptions());

        var result = await client.PushAsync(PushSets.Token("e2e-retry"), new PushEndpoint(server.BaseAddress) { AllowHttp = true });

        // The receiver answered 500 while its sink failed and recorded nothing, so the retry reached the sink again.
        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.Attempts.Should().Be(2);
        calls.Should().Be(2);
    }
}
