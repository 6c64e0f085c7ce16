using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// A recipient's whole conversation with the transmitter over real HTTP, on each store: paging with acknowledgements, an
/// error reported and dead-lettered, a resend after the redelivery delay, and a long poll woken by a publish.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PollTransmitterEndToEndTests
{
    private const string Stream = "stream-a";

    public static IEnumerable<TestCaseData> Stores()
    {
        yield return new TestCaseData("in-memory").SetArgDisplayNames("in-memory");
        yield return new TestCaseData("sqlite-exclusive").SetArgDisplayNames("sqlite-exclusive");
        yield return new TestCaseData("sqlite-shared").SetArgDisplayNames("sqlite-shared");
    }

    [TestCaseSource(nameof(Stores))]
    public async Task Recipient_PollsAcknowledgesAndReportsErrors_EverySetAccountedFor(string store)
    {
        var files = new TempDatabase();
        try
        {
            await using var host = await PollHost.StartAsync(Create(store, files), o =>
            {
                o.RedeliveryDelay = TimeSpan.FromMinutes(2);
                o.LongPollTimeout = TimeSpan.FromMinutes(5);
                o.RecheckInterval = TimeSpan.FromMinutes(5);
            });
            await host.PublishAsync(Stream, "s1", "s2", "s3", "s4", "s5");
            await host.PublishAsync("stream-b", "other");

            // Page through, acknowledging each page in the next request and reporting s4 as invalid.
            var received = new List<string>();
            var reply = await host.PollAsync(Stream, new { maxEvents = 2, returnImmediately = true });
            while (true)
            {
                received.AddRange(reply.Jtis);
                if (!reply.MoreAvailable)
                {
                    break;
                }

                var ack = reply.Jtis.Where(j => j != "s4").ToArray();
                var errors = reply.Jtis.Contains("s4") ? new Dictionary<string, object> { ["s4"] = new { err = "invalid_audience", description = "Not for us" } } : null;
                reply = await host.PollAsync(Stream, new { ack, setErrs = errors, maxEvents = 2, returnImmediately = true }, r => r.Content!.Headers.ContentLanguage.Add("en"));
            }

            received.Should().Equal("s1", "s2", "s3", "s4", "s5");
            (await host.Queue.GetStatisticsAsync()).Should().Be(new OutboxStatistics(2, PushSets.Now, 1), "s5 waits for its acknowledgement; stream-b is untouched");

            // s5 was never acknowledged: offered again only after the redelivery delay.
            (await host.PollAsync(Stream, new { returnImmediately = true })).Jtis.Should().BeEmpty();
            host.Time.Advance(TimeSpan.FromMinutes(2));
            (await host.PollAsync(Stream, new { returnImmediately = true })).Jtis.Should().Equal("s5");

            // Acknowledge it while long-polling; a publish wakes the poll.
            var polling = host.PollAsync(Stream, new { ack = new[] { "s5" } });
            await WaitUntilEmptyAsync(host.Queue);
            await host.PublishAsync(Stream, "s6");
            (await polling).Jtis.Should().Equal("s6");

            var dead = (await host.Queue.ListDeadLettersAsync(10)).Single();
            dead.Should().Match<OutboxDeadLetter>(d => d.Jti == "s4" && d.Reason == "invalid_audience: Not for us");
            (await host.PollAsync("stream-b", new { returnImmediately = true })).Jtis.Should().Equal("other");
        }
        finally
        {
            files.Clear();
        }
    }

    private static Func<TimeProvider, Task<ISecurityEventPollQueue>> Create(string store, TempDatabase files) => store switch
    {
        "in-memory" => time => Task.FromResult<ISecurityEventPollQueue>(new InMemorySecurityEventOutbox(time)),
        "sqlite-exclusive" => async time => await SqliteSecurityEventOutbox.OpenExclusiveAsync(files.NewPath(), time),
        _ => async time => await SqliteSecurityEventOutbox.OpenAsync(files.NewPath(), time),
    };

    /// <summary>Waits until only stream-b's SET is pending, failing rather than hanging.</summary>
    private static async Task WaitUntilEmptyAsync(ISecurityEventPollQueue queue)
    {
        for (var i = 0; (await queue.GetStatisticsAsync()).Pending > 1; i++)
        {
            i.Should().BeLessThan(1500, "the acknowledgement should have been applied");
            await Task.Delay(20);
        }
    }
}
