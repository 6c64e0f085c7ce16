using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// What a recipient polling over HTTP sees: SETs bounded by <c>maxEvents</c> and paged with <c>moreAvailable</c>,
/// acknowledged ones gone, unacknowledged ones offered again after the redelivery delay, errors dead-lettered, and SETs
/// too old or offered too often given up.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PollTransmitterDeliveryTests
{
    private const string Stream = "stream-a";

    [Test]
    public async Task HandleAsync_MaxEvents_BoundsTheResponseAndPagesWithMoreAvailable()
    {
        await using var host = await PollHost.StartAsync();
        await host.PublishAsync(Stream, "a", "b", "c", "d", "e");

        var first = await host.PollAsync(Stream, new { maxEvents = 2, returnImmediately = true });
        var second = await host.PollAsync(Stream, new { ack = first.Jtis, maxEvents = 2, returnImmediately = true });
        var third = await host.PollAsync(Stream, new { ack = second.Jtis, maxEvents = 2, returnImmediately = true });
        var fourth = await host.PollAsync(Stream, new { ack = third.Jtis, maxEvents = 2, returnImmediately = true });

        first.Jtis.Should().Equal("a", "b");
        first.MoreAvailable.Should().BeTrue();
        first.Body.Should().Contain("\"moreAvailable\":true");
        second.Jtis.Should().Equal("c", "d");
        second.MoreAvailable.Should().BeTrue();
        third.Jtis.Should().Equal("e");
        third.Json.TryGetProperty("moreAvailable", out _).Should().BeFalse("moreAvailable is omitted when false (RFC 8936 §2.3)");
        fourth.Body.Should().Be("""{"sets":{}}""");
        (await host.Queue.GetStatisticsAsync()).Pending.Should().Be(0);
    }

    [Test]
    public async Task HandleAsync_MaxEventsAboveOrWithoutTheServerMaximum_BoundedByIt()
    {
        await using var host = await PollHost.StartAsync(configure: o => o.MaxEvents = 3);
        await host.PublishAsync(Stream, "a", "b", "c", "d", "e", "f", "g");

        var asked = await host.PollAsync(Stream, new { maxEvents = 100, returnImmediately = true });
        var omitted = await host.PollAsync(Stream, new { returnImmediately = true });

        asked.Jtis.Should().Equal("a", "b", "c");
        asked.MoreAvailable.Should().BeTrue();
        omitted.Jtis.Should().Equal("d", "e", "f");
        omitted.MoreAvailable.Should().BeTrue();
    }

    [Test]
    public async Task HandleAsync_MaxEventsZero_LeasesNothingPOLL06()
    {
        await using var host = await PollHost.StartAsync();
        await host.PublishAsync(Stream, "a");

        var reply = await host.PollAsync(Stream, new { maxEvents = 0, returnImmediately = true });

        reply.Body.Should().Be("""{"sets":{}}""");
        (await host.PollAsync(Stream, new { returnImmediately = true })).Jtis.Should().Equal(["a"], "the acknowledge-only request leased nothing");
    }

    [Test]
    public async Task HandleAsync_OtherStream_NeverSeesThisStreamsSets()
    {
        await using var host = await PollHost.StartAsync();
        await host.PublishAsync(Stream, "a");
        await host.PublishAsync("stream-b", "b");

        var a = await host.PollAsync(Stream, new { returnImmediately = true });
        var b = await host.PollAsync("stream-b", new { ack = new[] { "a" }, returnImmediately = true });

        a.Jtis.Should().Equal("a");
        b.Jtis.Should().Equal("b");
        host.Handled.OfType<PollEndpointResponse>().Last().Acknowledged.Should().Be(0, "a stream acknowledges its own SETs only");
    }

    [Test]
    public async Task HandleAsync_NotAcknowledged_OfferedAgainOnlyAfterTheRedeliveryDelayPOLL04()
    {
        await using var host = await PollHost.StartAsync(configure: o => o.RedeliveryDelay = TimeSpan.FromMinutes(2));
        await host.PublishAsync(Stream, "a", "b");
        (await host.PollAsync(Stream, new { returnImmediately = true })).Jtis.Should().Equal("a", "b");

        host.Time.Advance(TimeSpan.FromMinutes(1));
        var during = await host.PollAsync(Stream, new { ack = new[] { "a" }, returnImmediately = true });
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var after = await host.PollAsync(Stream, new { returnImmediately = true });

        during.Body.Should().Be("""{"sets":{}}""", "b is still leased to the first response");
        after.Jtis.Should().Equal(["b"], "b was never acknowledged; a was");
    }

    [Test]
    public async Task HandleAsync_AcknowledgedAfterBeingOfferedAgain_GoneForGoodPOLL04()
    {
        await using var host = await PollHost.StartAsync(configure: o => o.RedeliveryDelay = TimeSpan.FromMinutes(2));
        await host.PublishAsync(Stream, "a");
        await host.PollAsync(Stream, new { returnImmediately = true });
        host.Time.Advance(TimeSpan.FromMinutes(2));
        (await host.PollAsync(Stream, new { returnImmediately = true })).Jtis.Should().Equal("a");

        var ack = await host.PollAsync(Stream, new { ack = new[] { "a", "a" }, returnImmediately = true });
        host.Time.Advance(TimeSpan.FromHours(1));
        var later = await host.PollAsync(Stream, new { ack = new[] { "a" }, returnImmediately = true });

        ack.Body.Should().Be("""{"sets":{}}""");
        later.Body.Should().Be("""{"sets":{}}""", "a repeated acknowledgement is harmless");
        (await host.Queue.GetStatisticsAsync()).Should().Be(new OutboxStatistics(0, null, 0));
    }

    [Test]
    public async Task HandleAsync_SetErrs_DeadLetteredWithErrHookToldAndWarningLoggedPOLL08()
    {
        var logs = new LogCollector();
        var reported = new List<IReadOnlyDictionary<string, PollSetError>>();
        await using var host = await PollHost.StartAsync(logs: logs, configure: o => o.SetErrorsReported = (_, errors, _) =>
        {
            reported.Add(errors);
            return ValueTask.CompletedTask;
        });
        await host.PublishAsync(Stream, "a", "b");
        await host.PollAsync(Stream, new { returnImmediately = true });

        var reply = await host.PollAsync(
            Stream,
            new { setErrs = new Dictionary<string, object> { ["a"] = new { err = "invalid_key", description = "Unknown kid" } }, returnImmediately = true },
            r => r.Content!.Headers.ContentLanguage.Add("en"));

        reply.Status.Should().Be(200);
        host.Handled.OfType<PollEndpointResponse>().Last().Rejected.Should().Be(1);
        var dead = (await host.Queue.ListDeadLettersAsync(10)).Single();
        dead.Should().Match<OutboxDeadLetter>(d => d.Jti == "a" && d.Destination == Stream && d.Reason == "invalid_key: Unknown kid" && d.AttemptCount == 1);
        reported.Should().ContainSingle().Which["a"].Should().Be(new PollSetError("invalid_key", "Unknown kid"));
        var warning = logs.Entries.Should().ContainSingle(e => e.Id.Id == 5002).Subject;
        warning.Level.Should().Be(Microsoft.Extensions.Logging.LogLevel.Warning);
        warning.Message.Should().Contain("a").And.Contain("invalid_key").And.Contain(Stream).And.NotContain(PushSets.Token("a"));
        (await host.Queue.GetStatisticsAsync()).Pending.Should().Be(1, "b is still pending");
    }

    [Test]
    public async Task HandleAsync_RejectedSetRedriven_OfferedAgain()
    {
        await using var host = await PollHost.StartAsync();
        var id = (await host.PublishAsync(Stream, "a"))[0];
        await host.PollAsync(Stream, new { returnImmediately = true });
        await host.PollAsync(
            Stream,
            new { setErrs = new Dictionary<string, object> { ["a"] = new { err = "invalid_key", description = "Unknown kid" } }, returnImmediately = true },
            r => r.Content!.Headers.ContentLanguage.Add("en"));

        (await host.Queue.RedriveAsync([id], host.Time.Now)).Should().Be(1);
        var again = await host.PollAsync(Stream, new { returnImmediately = true });

        again.Jtis.Should().Equal("a");
    }

    [Test]
    public async Task HandleAsync_SetErrorsHookThrows_RequestStillAnsweredAndSetDeadLettered()
    {
        var logs = new LogCollector();
        await using var host = await PollHost.StartAsync(logs: logs, configure: o => o.SetErrorsReported = (_, _, _) => throw new InvalidOperationException("hook down"));
        await host.PublishAsync(Stream, "a");

        var reply = await host.PollAsync(
            Stream,
            new { setErrs = new Dictionary<string, object> { ["a"] = new { err = "invalid_key", description = "x" } }, returnImmediately = true },
            r => r.Content!.Headers.ContentLanguage.Add("en"));

        reply.Status.Should().Be(200);
        (await host.Queue.GetStatisticsAsync()).DeadLetters.Should().Be(1);
        logs.Entries.Should().Contain(e => e.Id.Id == 5010 && e.Message.Contains("hook down"));
    }

    [Test]
    public async Task HandleAsync_LongDescription_ShortenedInTheDeadLetter()
    {
        await using var host = await PollHost.StartAsync();
        await host.PublishAsync(Stream, "a");

        await host.PollAsync(
            Stream,
            new { setErrs = new Dictionary<string, object> { ["a"] = new { err = "invalid_key", description = new string('d', 100_000) } }, returnImmediately = true },
            r => r.Content!.Headers.ContentLanguage.Add("en"));

        (await host.Queue.ListDeadLettersAsync(10)).Single().Reason.Length.Should().BeLessThan(600);
    }

    [Test]
    public async Task HandleAsync_SetOlderThanMaxAge_DeadLetteredNotOfferedPOLL03()
    {
        var logs = new LogCollector();
        await using var host = await PollHost.StartAsync(logs: logs, configure: o => o.MaxAge = TimeSpan.FromHours(1));
        await host.PublishAsync(Stream, "old");
        host.Time.Advance(TimeSpan.FromMinutes(30));
        await host.PublishAsync(Stream, "young");
        host.Time.Advance(TimeSpan.FromMinutes(30));

        var reply = await host.PollAsync(Stream, new { returnImmediately = true });

        reply.Jtis.Should().Equal("young");
        var dead = (await host.Queue.ListDeadLettersAsync(10)).Single();
        dead.Jti.Should().Be("old");
        dead.Reason.Should().Contain("maximum age");
        logs.Entries.Should().Contain(e => e.Id.Id == 5003 && e.Message.Contains("old"));
    }

    [Test]
    public async Task HandleAsync_OfferedMaxOffersTimes_DeadLetteredAfterTheLastOfferPOLL04()
    {
        await using var host = await PollHost.StartAsync(configure: o =>
        {
            o.MaxOffers = 2;
            o.RedeliveryDelay = TimeSpan.FromMinutes(1);
        });
        await host.PublishAsync(Stream, "a");

        var offers = new List<PollReply>();
        for (var i = 0; i < 3; i++)
        {
            offers.Add(await host.PollAsync(Stream, new { returnImmediately = true }));
            host.Time.Advance(TimeSpan.FromMinutes(1));
        }

        offers.Select(o => o.Jtis.Count()).Should().Equal(1, 1, 0);
        var dead = (await host.Queue.ListDeadLettersAsync(10)).Single();
        dead.AttemptCount.Should().Be(2, "two offers were made, and the lease that gave the SET up offered nothing");
        dead.Reason.Should().Contain("Offered 2 time(s)");
        (await host.Queue.GetDeadLetterAsync(dead.Id))!.Attempts.Should().OnlyContain(a => a.Outcome == PushOutcome.Failed && a.StatusCode == 200);
    }

    [Test]
    public async Task HandleAsync_DeadLetteredSetsLeaveRoom_FilledFromTheSetsAfterThem()
    {
        await using var host = await PollHost.StartAsync(configure: o => o.MaxAge = TimeSpan.FromHours(1));
        await host.PublishAsync(Stream, "old-1", "old-2", "old-3");
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.PublishAsync(Stream, "new-1", "new-2", "new-3");

        var reply = await host.PollAsync(Stream, new { maxEvents = 2, returnImmediately = true });

        reply.Jtis.Should().Equal("new-1", "new-2");
        reply.MoreAvailable.Should().BeTrue();
        (await host.Queue.GetStatisticsAsync()).DeadLetters.Should().Be(3);
    }

    [Test]
    public async Task HandleAsync_SetWithoutJti_DeadLetteredNotOffered()
    {
        await using var host = await PollHost.StartAsync();
        await host.Queue.EnqueueAsync([new OutboxItem("not.a-set.x", Stream), new OutboxItem(PushSets.Token("a"), Stream)]);

        var reply = await host.PollAsync(Stream, new { returnImmediately = true });

        reply.Jtis.Should().Equal("a");
        (await host.Queue.ListDeadLettersAsync(10)).Single().Reason.Should().Contain("no jti");
    }

    [Test]
    public async Task HandleAsync_EncryptedSetEnqueuedWithItsJti_OfferedByThatJti()
    {
        await using var host = await PollHost.StartAsync();
        const string jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkExMjhHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn";
        await host.Queue.EnqueueAsync([new OutboxItem(jwe, Stream, jti: "encrypted-1")]);

        var reply = await host.PollAsync(Stream, new { returnImmediately = true });

        reply.Sets.Should().Equal([KeyValuePair.Create("encrypted-1", jwe)]);
    }

    [Test]
    public async Task HandleAsync_TwoPendingSetsShareAJti_OneOfferedTheOtherNext()
    {
        await using var host = await PollHost.StartAsync();
        var first = PushSets.Token("same");
        var second = PushSets.Token("same", audience: "https://other.example.com");
        await host.Queue.EnqueueAsync([new OutboxItem(first, Stream), new OutboxItem(second, Stream)]);

        var reply = await host.PollAsync(Stream, new { returnImmediately = true });
        var next = await host.PollAsync(Stream, new { returnImmediately = true });

        reply.Sets.Should().Equal([KeyValuePair.Create("same", first)]);
        reply.MoreAvailable.Should().BeTrue();
        next.Sets.Should().Equal([KeyValuePair.Create("same", second)]);
    }

    [Test]
    public async Task PublishAsync_SetWithoutReadableJti_ThrowsAndStoresNothing()
    {
        var queue = new InMemorySecurityEventOutbox();
        var transmitter = new PollTransmitter(queue, new PollTransmitterOptions());

        await transmitter.Invoking(t => t.PublishAsync(Stream, [PushSets.Token("a"), "eyJhbGciOiJub25lIn0.e30."]).AsTask())
            .Should().ThrowAsync<ArgumentException>().WithMessage("*SET 1*jti*");
        await transmitter.Invoking(t => t.PublishAsync(Stream, ["a.b.c.d.e"]).AsTask()).Should().ThrowAsync<ArgumentException>();
        await transmitter.Invoking(t => t.PublishAsync(Stream, [""]).AsTask()).Should().ThrowAsync<ArgumentException>();
        await transmitter.Invoking(t => t.PublishAsync("", [PushSets.Token("a")]).AsTask()).Should().ThrowAsync<ArgumentException>();
        (await queue.GetStatisticsAsync()).Pending.Should().Be(0);
    }
}
