using System.Net.Http.Headers;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// The authorization hook over real HTTP (RFC 8936 §3, §4.4): 401 with the <c>WWW-Authenticate</c> challenge (POLL-12)
/// or 403, decided before the body is read, with nothing acknowledged or leased.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PollTransmitterAuthorizationTests
{
    private const string Stream = "stream-a";
    private const string Token = "s3cr3t-for-stream-a";

    /// <summary>Bearer <see cref="Token"/> may poll <see cref="Stream"/>; any other credential may poll nothing.</summary>
    private static ValueTask<PollAuthorizationResult> Authorize(PollEndpointRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(request.Authorization switch
        {
            null => PollAuthorizationResult.AuthenticationFailed("A bearer token is required."),
            "Bearer " + Token when request.StreamId == Stream => PollAuthorizationResult.Allowed,
            "Bearer " + Token => PollAuthorizationResult.AccessDenied("This token may not poll that stream."),
            _ => PollAuthorizationResult.AuthenticationFailed("The bearer token is not valid."),
        });

    [Test]
    public async Task POLL_12_NoCredentials_401WithWwwAuthenticateAndNothingApplied()
    {
        await using var host = await StartAsync(o => o.AuthenticationChallenge = "Bearer realm=\"poll\"");

        var reply = await host.PollAsync(Stream, new { ack = new[] { "a" }, returnImmediately = true });

        reply.Status.Should().Be(401);
        reply.Header("WWW-Authenticate").Should().Be("Bearer realm=\"poll\"");
        reply.Json.GetProperty("err").GetString().Should().Be("authentication_failed");
        reply.Header("Content-Language").Should().Be("en");
        (await host.Queue.GetStatisticsAsync()).Should().Be(new OutboxStatistics(1, host.Time.Now, 0));
    }

    [Test]
    public async Task POLL_12_WrongToken_401WithTheDefaultBearerChallenge()
    {
        await using var host = await StartAsync();

        var reply = await host.PollAsync(Stream, new { returnImmediately = true }, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong"));

        reply.Status.Should().Be(401);
        reply.Header("WWW-Authenticate").Should().Be("Bearer");
    }

    [Test]
    public async Task HandleAsync_ValidTokenForAnotherStream_403AndThatStreamUntouched()
    {
        await using var host = await StartAsync();
        await host.PublishAsync("stream-b", "b");

        var reply = await host.PollAsync("stream-b", new { ack = new[] { "b" }, returnImmediately = true }, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token));

        reply.Status.Should().Be(403);
        reply.Json.GetProperty("err").GetString().Should().Be("access_denied");
        reply.Header("WWW-Authenticate").Should().BeNull();
        (await host.Queue.GetStatisticsAsync()).Pending.Should().Be(2);
    }

    [Test]
    public async Task HandleAsync_ValidTokenForItsStream_200WithTheSets()
    {
        await using var host = await StartAsync();

        var reply = await host.PollAsync(Stream, new { returnImmediately = true }, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token));

        reply.Status.Should().Be(200);
        reply.Jtis.Should().Equal("a");
    }

    [Test]
    public async Task HandleAsync_HookRefuses_BodyNeverRead()
    {
        var bodyRead = false;
        var transmitter = new PollTransmitter(new InMemorySecurityEventOutbox(), new PollTransmitterOptions { AuthorizeReceiver = Authorize });
        var body = new ReadWatchStream(() => bodyRead = true);

        var response = await transmitter.HandleAsync(new PollEndpointRequest { ContentType = "application/json", Body = body, StreamId = Stream });

        response.StatusCode.Should().Be(401);
        bodyRead.Should().BeFalse("credentials are checked before the body is read");
    }

    [Test]
    public void PollAuthorizationResult_Refusals_CarryTheirCodeAndNeverAnEmptyDescription()
    {
        PollAuthorizationResult.Allowed.Succeeded.Should().BeTrue();
        PollAuthorizationResult.AuthenticationFailed("x").Should().Match<PollAuthorizationResult>(r => !r.Succeeded && r.ErrorCode == "authentication_failed");
        PollAuthorizationResult.AccessDenied("x").ErrorCode.Should().Be("access_denied");
        FluentActions.Invoking(() => PollAuthorizationResult.AccessDenied(" ")).Should().Throw<ArgumentException>();
    }

    private static async Task<PollHost> StartAsync(Action<PollTransmitterOptions>? configure = null)
    {
        var host = await PollHost.StartAsync(configure: o =>
        {
            o.AuthorizeReceiver = Authorize;
            configure?.Invoke(o);
        });
        await host.PublishAsync(Stream, "a");
        return host;
    }

    /// <summary>A body that tells when someone reads it.</summary>
    private sealed class ReadWatchStream(Action onRead) : MemoryStream("{}"u8.ToArray())
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            onRead();
            return base.Read(buffer, offset, count);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            onRead();
            return base.ReadAsync(buffer, cancellationToken);
        }
    }
}
