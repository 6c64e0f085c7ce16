using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens;
using static SecEvent.Delivery.Tests.Poll.PollClientTestKit;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// What becomes of each SET: validated (POLL-01), handed over once per (iss, jti), acknowledged after the sink took it
/// (POLL-05), reported in setErrs only when invalid (POLL-02, POLL-08, POLL-11), acknowledged again when offered again (POLL-04).
/// </summary>
public partial class PollClientTests
{
    private static IEnumerable<TestCaseData> InvalidSets()
    {
        yield return new TestCaseData(PushSets.Token("bad", key: PushSets.OtherKey), SecurityEventErrorCodes.InvalidKey).SetName("POLL_08_UnknownKey_InvalidKey");
        yield return new TestCaseData(PushSets.Token("bad", audience: "https://someone-else.example.com"), SecurityEventErrorCodes.InvalidAudience).SetName("POLL_08_OtherAudience_InvalidAudience");
        yield return new TestCaseData(PushSets.Token("bad", issuer: "https://rogue.example.com"), SecurityEventErrorCodes.InvalidIssuer).SetName("POLL_08_OtherIssuer_InvalidIssuer");
        yield return new TestCaseData("not.a.jwt", SecurityEventErrorCodes.InvalidRequest).SetName("POLL_08_NotAJwt_InvalidRequest");
    }

    [TestCaseSource(nameof(InvalidSets))]
    public async Task POLL_08_POLL_11_PollOnceAsync_InvalidSet_ReportedInNextSetErrsWithContentLanguage(string set, string err)
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(("bad", set), Set("good"));
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), sink);

        var round = await client.PollOnceAsync();
        await client.PollOnceAsync();

        round.Accepted.Should().Be(1);
        round.Rejected.Should().Be(1);
        sink.Accepted.Select(t => t.JwtId).Should().Equal("good");
        var second = transmitter.Requests.ElementAt(1);
        second.Acks.Should().Equal("good");
        var reported = second.SetErrs.Should().ContainSingle().Subject;
        reported.Key.Should().Be("bad");
        reported.Value.Code.Should().Be(err);
        reported.Value.Description.Should().NotBeNullOrWhiteSpace();
        second.ContentLanguage.Should().Be("en", "RFC 8936 §2.6: setErrs descriptions need a Content-Language");
        transmitter.Errors.Keys.Should().Equal("bad");
    }

    [Test]
    public async Task POLL_11_PollOnceAsync_ConfiguredContentLanguage_SentWithSetErrsOnly()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(("bad", "not.a.jwt"));
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o => o.ContentLanguage = "en-US"), new RecordingSink());

        await client.PollOnceAsync();
        await client.PollOnceAsync();
        await client.PollOnceAsync();

        transmitter.Requests.Select(r => r.ContentLanguage).Should().Equal(null, "en-US", null);
    }

    [Test]
    public async Task POLL_02_PollOnceAsync_KeyIsNotTheJti_ReportedAsInvalidRequestAndNotDelivered()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(("claimed-jti", PushSets.Token("actual-jti")));
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), sink);

        var round = await client.PollOnceAsync();
        await client.PollOnceAsync();

        round.Rejected.Should().Be(1);
        sink.Calls.Should().Be(0);
        var second = transmitter.Requests.ElementAt(1);
        second.Acks.Should().BeEmpty();
        second.SetErrs.Should().ContainKey("claimed-jti").WhoseValue.Code.Should().Be(SecurityEventErrorCodes.InvalidRequest);
        second.SetErrs.Should().NotContainKey("actual-jti");
    }

    [Test]
    public async Task POLL_02_RunAsync_SinkFails_NeitherAcknowledgedNorReportedThenDeliveredWhenOfferedAgain()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        var sink = new RecordingSink { FailWith = new InvalidOperationException("database down") };
        sink.During = _ =>
        {
            if (sink.Calls == 2)
            {
                sink.FailWith = null;
            }
        };
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), sink);

        await RunUntilAsync(client, () => transmitter.Acknowledged.Contains("a"), "the SET is acknowledged once the sink takes it");

        sink.Calls.Should().Be(2);
        sink.Accepted.Should().ContainSingle();
        var second = transmitter.Requests.ElementAt(1);
        second.Acks.Should().BeEmpty("the sink failed: nothing is acknowledged");
        second.SetErrs.Should().BeEmpty("POLL-02: a sink failure is not a SET error");
        transmitter.Requests.ElementAt(2).Acks.Should().Equal("a");
        transmitter.Errors.Should().BeEmpty();
    }

    [Test]
    public async Task POLL_04_RunAsync_OfferedAgainAfterLostAcknowledgement_AcknowledgedAgainAndDeliveredOnce()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"));
        transmitter.Script = async (poll, context) =>
        {
            switch (poll.Number)
            {
                case 2:
                    // The acknowledgement is lost with the connection: the transmitter never applies it.
                    context.Abort();
                    return true;
                case 3:
                    // Meanwhile its redelivery timer fired: it offers the SET again without looking at this request.
                    await FakeTransmitter.WriteAsync(context, new PollResponse { Sets = new Dictionary<string, string> { ["a"] = PushSets.Token("a") } });
                    return true;
                default:
                    return false;
            }
        };
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), sink);

        await RunUntilAsync(client, () => transmitter.Count >= 5, "the client polls on after the redelivery");

        sink.Calls.Should().Be(1);
        transmitter.Requests.Take(4).Select(r => r.Acks.Length).Should().Equal(0, 1, 1, 1);
        transmitter.Requests.ElementAt(3).Acks.Should().Equal("a");
        transmitter.OutstandingCount.Should().Be(0);
    }

    [Test]
    public async Task POLL_04_PollOnceAsync_DuplicateInReplayStore_CountedAndAcknowledgedNotDelivered()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        var store = new InMemorySecurityEventReplayStore();
        await store.AddAsync(PushSets.Issuer, "a", DateTimeOffset.MaxValue, default);
        transmitter.Offer(Set("a"), Set("b"));
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o => o.ReplayStore = store), sink);

        var round = await client.PollOnceAsync();
        await client.AcknowledgeAsync();

        round.Accepted.Should().Be(1);
        round.Duplicates.Should().Be(1);
        sink.Accepted.Select(t => t.JwtId).Should().Equal("b");
        transmitter.Requests.Last().Acks.Should().BeEquivalentTo("a", "b");
    }

    [Test]
    public async Task POLL_03_POLL_04_RunAsync_StoppedBeforeItsAcknowledgementArrived_NextClientWithSameSqliteFileAcknowledgesWithoutRedelivering()
    {
        var files = new TempDatabase();
        var path = files.NewPath();
        try
        {
            await using var transmitter = await FakeTransmitter.StartAsync();
            transmitter.Offer(Set("a"), Set("b"));
            var dropAcknowledgements = true;
            transmitter.Script = async (poll, context) =>
            {
                if (!dropAcknowledgements || poll.Number == 1)
                {
                    return false;
                }

                if (poll.IsAcknowledgeOnly)
                {
                    // The process dies before its last words reach the transmitter.
                    context.Abort();
                    return true;
                }

                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                return true;
            };
            using var http = NewHttpClient();

            var firstSink = new RecordingSink();
            await using (var store = await SqliteSecurityEventReplayStore.OpenAsync(path))
            {
                var first = Client(http, Options(transmitter, o => o.ReplayStore = store), firstSink);
                await RunUntilAsync(first, () => transmitter.Requests.Any(r => r.IsAcknowledgeOnly) || transmitter.Count >= 2 && firstSink.Calls == 2, "the first client took both SETs");
            }

            await WaitForAsync(() => transmitter.Requests.Any(r => r.IsAcknowledgeOnly), "the first client tried its final acknowledgement");
            transmitter.OutstandingCount.Should().Be(2, "no acknowledgement reached the transmitter");
            dropAcknowledgements = false;

            var secondSink = new RecordingSink();
            await using (var store = await SqliteSecurityEventReplayStore.OpenAsync(path))
            {
                var second = Client(http, Options(transmitter, o => o.ReplayStore = store), secondSink);
                await RunUntilAsync(second, () => transmitter.OutstandingCount == 0, "the second client acknowledged both SETs");
            }

            firstSink.Accepted.Select(t => t.JwtId).Should().BeEquivalentTo("a", "b");
            secondSink.Calls.Should().Be(0, "each SET reached a sink once");
            transmitter.Acknowledged.Distinct().Should().BeEquivalentTo("a", "b");
        }
        finally
        {
            files.Clear();
        }
    }

    [Test]
    public async Task POLL_05_RunAsync_CancelledWhileHandingOver_RestOfBatchNeitherAcknowledgedNorReported()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(Set("a"), Set("b"), Set("c"));
        using var stop = new CancellationTokenSource();
        var sink = new RecordingSink { During = _ => stop.Cancel() };
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter), sink);

        await client.RunAsync(stop.Token).WaitAsync(Patience);

        sink.Accepted.Select(t => t.JwtId).Should().Equal("a");
        transmitter.Count.Should().Be(2);
        var final = transmitter.Requests.Last();
        final.IsAcknowledgeOnly.Should().BeTrue();
        final.Acks.Should().Equal("a");
        final.SetErrs.Should().BeEmpty();
        transmitter.OutstandingCount.Should().Be(2, "b and c will be offered again");
    }
}
