using System.Text;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>RFC 8935 §2 answers of <see cref="PushReceiver"/>: success, media type, size and SET errors.</summary>
public class PushReceiverTests
{
    private static PushReceiver Receiver(RecordingSink sink, Action<PushReceiverOptions>? configure = null) =>
        new(PushSets.Options(configure), sink, PushSets.Clock());

    [Test]
    public async Task ReceiveAsync_ValidSet_Answers202WithEmptyBodyAndNoHeadersPUSH09()
    {
        var sink = new RecordingSink();

        var response = await Receiver(sink).ReceiveAsync(PushSets.Request(PushSets.Token()));

        response.StatusCode.Should().Be(202);
        response.Body.Length.Should().Be(0);
        response.Headers.Should().BeEmpty();
        response.Error.Should().BeNull();
        response.Token!.JwtId.Should().Be("jti-1");
        response.IsDuplicate.Should().BeFalse();
        sink.Accepted.Should().ContainSingle().Which.Issuer.Should().Be(PushSets.Issuer);
    }

    [TestCase("application/secevent+jwt; charset=utf-8")]
    [TestCase("Application/SecEvent+JWT")]
    [TestCase(" application/secevent+jwt ")]
    public async Task ReceiveAsync_MediaTypeWithParametersOrOtherCase_AcceptedPUSH07(string contentType)
    {
        var response = await Receiver(new RecordingSink()).ReceiveAsync(PushSets.Request(PushSets.Token(), contentType));

        response.StatusCode.Should().Be(202);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("application/jwt")]
    [TestCase("application/json")]
    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("application/secevent+jwt-x")]
    public async Task ReceiveAsync_OtherMediaType_Answers415WithoutReachingSinkPUSH07(string? contentType)
    {
        var sink = new RecordingSink();

        var response = await Receiver(sink).ReceiveAsync(PushSets.Request(PushSets.Token(), contentType));

        response.StatusCode.Should().Be(415);
        response.GetHeader("Accept").Should().Be("application/secevent+jwt");
        sink.Calls.Should().Be(0);
    }

    [Test]
    public async Task ReceiveAsync_DeclaredLengthOverLimit_Answers413WithoutReadingPUSH10()
    {
        var body = new ThrowingStream();
        var request = new PushRequest { ContentType = SecurityEventMediaTypes.SecurityEventJwt, ContentLength = 1001, Body = body };

        var response = await Receiver(new RecordingSink(), o => o.MaximumRequestSize = 1000).ReceiveAsync(request);

        response.StatusCode.Should().Be(413);
    }

    [Test]
    public async Task ReceiveAsync_UndeclaredBodyOverLimit_Answers413AfterReadingAtMostLimitPlusOnePUSH10()
    {
        var body = new CountingStream(totalBytes: 10_000_000);
        var request = new PushRequest { ContentType = SecurityEventMediaTypes.SecurityEventJwt, Body = body };

        var response = await Receiver(new RecordingSink(), o => o.MaximumRequestSize = 4096).ReceiveAsync(request);

        response.StatusCode.Should().Be(413);
        body.BytesRead.Should().BeLessThanOrEqualTo(4097);
    }

    [Test]
    public async Task ReceiveAsync_BodyOfExactlyTheLimit_Accepted()
    {
        var token = PushSets.Token();
        var request = new PushRequest { ContentType = SecurityEventMediaTypes.SecurityEventJwt, Body = new MemoryStream(Encoding.ASCII.GetBytes(token)) };

        var response = await Receiver(new RecordingSink(), o => o.MaximumRequestSize = token.Length).ReceiveAsync(request);

        response.StatusCode.Should().Be(202);
    }

    [Test]
    public async Task ReceiveAsync_TrailingNewlineAfterToken_Accepted()
    {
        var response = await Receiver(new RecordingSink()).ReceiveAsync(PushSets.Request(PushSets.Token() + "\r\n"));

        response.StatusCode.Should().Be(202);
    }

    [Test]
    public async Task ReceiveAsync_GetMethod_Answers405()
    {
        var request = PushSets.Request(PushSets.Token());
        request = new PushRequest { Method = "GET", ContentType = request.ContentType, Body = request.Body };

        var response = await Receiver(new RecordingSink()).ReceiveAsync(request);

        response.StatusCode.Should().Be(405);
        response.GetHeader("Allow").Should().Be("POST");
    }

    private static IEnumerable<TestCaseData> SetErrors()
    {
        yield return new TestCaseData("not a jwt", SecurityEventErrorCodes.InvalidRequest).SetName("ReceiveAsync_GarbageBody_Answers400InvalidRequestPUSH11");
        yield return new TestCaseData("{\"token\":\"" + PushSets.Token() + "\"}", SecurityEventErrorCodes.InvalidRequest).SetName("ReceiveAsync_JsonWrappedSet_Answers400InvalidRequestPUSH07");
        yield return new TestCaseData(PushSets.Token(key: PushSets.OtherKey), SecurityEventErrorCodes.InvalidKey).SetName("ReceiveAsync_UnknownKey_Answers400InvalidKeyPUSH13");
        yield return new TestCaseData(PushSets.Token(issuer: "https://other.example.com"), SecurityEventErrorCodes.InvalidIssuer).SetName("ReceiveAsync_OtherIssuer_Answers400InvalidIssuerPUSH13");
        yield return new TestCaseData(PushSets.Token(audience: "https://elsewhere.example.com"), SecurityEventErrorCodes.InvalidAudience).SetName("ReceiveAsync_OtherAudience_Answers400InvalidAudiencePUSH13");
    }

    [TestCaseSource(nameof(SetErrors))]
    public async Task ReceiveAsync_SetError_Answers400WithJsonErrAndDescription(string body, string code)
    {
        var sink = new RecordingSink();

        var response = await Receiver(sink).ReceiveAsync(PushSets.Request(body));

        response.StatusCode.Should().Be(400);
        response.GetHeader("Content-Type").Should().Be("application/json");
        response.GetHeader("Content-Language").Should().Be("en");
        var json = PushSets.Json(response);
        json.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("err", "description");
        json.GetProperty("err").GetString().Should().Be(code);
        json.GetProperty("description").GetString().Should().NotBeNullOrWhiteSpace();
        response.Error!.Code.Should().Be(code);
        response.Token.Should().BeNull();
        sink.Calls.Should().Be(0);
        foreach (var part in body.Split('.').Where(p => p.Length > 8))
        {
            response.BodyText.Should().NotContain(part, "descriptions never contain the token");
        }
    }

    [Test]
    public async Task ReceiveAsync_InvalidUtf8Body_Answers400InvalidRequestPUSH11()
    {
        var response = await Receiver(new RecordingSink()).ReceiveAsync(PushSets.Request([0x65, 0xff, 0xfe, 0x2e]));

        response.StatusCode.Should().Be(400);
        response.Error!.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
    }

    [Test]
    public async Task ReceiveAsync_ConfiguredContentLanguage_SentWithErrorsPUSH12()
    {
        var response = await Receiver(new RecordingSink(), o => o.ContentLanguage = "en-US").ReceiveAsync(PushSets.Request("x"));

        response.GetHeader("Content-Language").Should().Be("en-US");
    }

    [Test]
    public async Task ReceiveAsync_AuthenticationHookRefuses_Answers400AuthenticationFailedBeforeReadingPUSH13()
    {
        var sink = new RecordingSink();
        string? seen = null;
        var receiver = Receiver(sink, o => o.AuthenticateTransmitter = (request, _) =>
        {
            seen = request.Authorization;
            return ValueTask.FromResult(PushAuthorizationResult.Refused("Access token has expired."));
        });
        var request = new PushRequest { ContentType = SecurityEventMediaTypes.SecurityEventJwt, Authorization = "Bearer expired", Body = new ThrowingStream() };

        var response = await receiver.ReceiveAsync(request);

        seen.Should().Be("Bearer expired");
        response.StatusCode.Should().Be(400);
        PushSets.Json(response).GetProperty("err").GetString().Should().Be("authentication_failed");
        PushSets.Json(response).GetProperty("description").GetString().Should().Be("Access token has expired.");
        response.BodyText.Should().NotContain("Bearer expired");
        sink.Calls.Should().Be(0);
    }

    [Test]
    public async Task ReceiveAsync_AuthenticationHookAllows_Accepted()
    {
        var receiver = Receiver(new RecordingSink(), o => o.AuthenticateTransmitter = (request, _) =>
            ValueTask.FromResult(request.Authorization == "Bearer good" ? PushAuthorizationResult.Allowed : PushAuthorizationResult.Refused("no")));

        var good = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token(), authorization: "Bearer good"));
        var bad = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token("jti-2"), authorization: "Bearer bad"));

        good.StatusCode.Should().Be(202);
        bad.StatusCode.Should().Be(400);
    }

    [Test]
    public async Task ReceiveAsync_AuthorizationHookRefusesValidSet_Answers400AccessDeniedWithoutSinkPUSH02()
    {
        var sink = new RecordingSink();
        SecurityEventToken? seen = null;
        var receiver = Receiver(sink, o => o.AuthorizeTransmitter = (_, token, _) =>
        {
            seen = token;
            return ValueTask.FromResult(PushAuthorizationResult.Refused("This transmitter may not forward SETs of this issuer."));
        });

        var response = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()));

        seen!.JwtId.Should().Be("jti-1");
        response.StatusCode.Should().Be(400);
        response.Error!.Code.Should().Be("access_denied");
        PushSets.Json(response).GetProperty("err").GetString().Should().Be("access_denied");
        sink.Calls.Should().Be(0);
    }

    [Test]
    public async Task ReceiveAsync_HttpStatusStyleAuthenticationRefusal_Answers401WithChallenge()
    {
        var receiver = Receiver(new RecordingSink(), o =>
        {
            o.AuthorizationFailureStyle = PushAuthorizationFailureStyle.HttpStatus;
            o.AuthenticationChallenge = "Bearer realm=\"events\"";
            o.AuthenticateTransmitter = (_, _) => ValueTask.FromResult(PushAuthorizationResult.Refused("Missing credentials."));
        });

        var response = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()));

        response.StatusCode.Should().Be(401);
        response.GetHeader("WWW-Authenticate").Should().Be("Bearer realm=\"events\"");
        PushSets.Json(response).GetProperty("err").GetString().Should().Be("authentication_failed");
    }

    [Test]
    public async Task ReceiveAsync_HttpStatusStyleAuthorizationRefusal_Answers403()
    {
        var sink = new RecordingSink();
        var receiver = Receiver(sink, o =>
        {
            o.AuthorizationFailureStyle = PushAuthorizationFailureStyle.HttpStatus;
            o.AuthorizeTransmitter = (_, _, _) => ValueTask.FromResult(PushAuthorizationResult.Refused("Not for you."));
        });

        var response = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()));

        response.StatusCode.Should().Be(403);
        PushSets.Json(response).GetProperty("err").GetString().Should().Be("access_denied");
        sink.Calls.Should().Be(0);
    }

    [Test]
    public async Task ReceiveAsync_HookThrows_Answers500()
    {
        var receiver = Receiver(new RecordingSink(), o => o.AuthenticateTransmitter = (_, _) => throw new InvalidOperationException("boom"));

        var response = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token()));

        response.StatusCode.Should().Be(500);
        response.Body.Length.Should().Be(0);
    }

    [Test]
    public async Task ReceiveAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        var sink = new RecordingSink { Hold = new TaskCompletionSource().Task };
        var pending = Receiver(sink).ReceiveAsync(PushSets.Request(PushSets.Token()), cts.Token).AsTask();

        await cts.CancelAsync();

        await pending.Invoking(p => p).Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public void Constructor_ReplayCacheInParameters_Throws()
    {
        var options = PushSets.Options(o => o.ValidationParameters.ReplayCache = new InMemorySecurityEventReplayCache(TimeSpan.FromHours(1)));

        var create = () => new PushReceiver(options, new RecordingSink());

        create.Should().Throw<ArgumentException>().WithMessage("*ReplayCache*");
    }

    [Test]
    public void Constructor_IssuerCheckWithNoIssuers_ThrowsInsteadOfAnswering500Later()
    {
        var options = PushSets.Options(o => o.ValidationParameters.ValidIssuers = []);

        var create = () => new PushReceiver(options, new RecordingSink());

        create.Should().Throw<ArgumentException>().WithMessage("*ValidIssuers*");
    }

    [Test]
    public void Constructor_AudienceCheckWithNoAudiences_Throws()
    {
        var options = PushSets.Options(o => o.ValidationParameters.ValidAudiences = []);

        var create = () => new PushReceiver(options, new RecordingSink());

        create.Should().Throw<ArgumentException>().WithMessage("*ValidAudiences*");
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Constructor_NonPositiveSizeLimit_Throws(int limit)
    {
        var create = () => new PushReceiver(PushSets.Options(o => o.MaximumRequestSize = limit), new RecordingSink());

        create.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Constructor_SinkFailureStatusOtherThan500Or503_Throws()
    {
        var create = () => new PushReceiver(PushSets.Options(o => o.SinkFailureStatusCode = 200), new RecordingSink());

        create.Should().Throw<ArgumentException>();
    }

    [Test]
    public async Task Constructor_DelegateSink_ReceivesValidSet()
    {
        var seen = new List<string>();
        var receiver = new PushReceiver(PushSets.Options(), (token, _) => { seen.Add(token.JwtId); return ValueTask.CompletedTask; }, PushSets.Clock());

        var response = await receiver.ReceiveAsync(PushSets.Request(PushSets.Token("d-1")));

        response.StatusCode.Should().Be(202);
        seen.Should().Equal("d-1");
    }

    private sealed class ThrowingStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new AssertionException("the body must not be read");
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class CountingStream(long totalBytes) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, totalBytes - BytesRead);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
