using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>Logs, metrics and activities of <see cref="PollTransmitter"/>: streams and <c>jti</c> values yes, SETs and credentials never.</summary>
[NonParallelizable]
public class PollTransmitterTelemetryTests
{
    private const string Stream = "stream-a";

    [Test]
    public async Task HandleAsync_DeliveryAckErrorAndRefusals_LogInTheirRangeWithoutSetsOrCredentials()
    {
        var logs = new LogCollector();
        await using var host = await PollHost.StartAsync(logs: logs, configure: o => o.MaxAge = TimeSpan.FromHours(1));
        await host.PublishAsync(Stream, "old");
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.PublishAsync(Stream, "a", "b");
        void Credentials(HttpRequestMessage r) => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cr3t-value");

        await host.PollAsync(Stream, new { returnImmediately = true }, Credentials);
        await host.PollAsync(Stream, new { ack = new[] { "a" }, setErrs = new Dictionary<string, object> { ["b"] = new { err = "invalid_key", description = "Unknown kid" } }, returnImmediately = true }, r =>
        {
            Credentials(r);
            r.Content!.Headers.ContentLanguage.Add("en");
        });
        await host.PollAsync(Stream, """{"maxEvents":-1}""", configure: Credentials);
        await host.PollAsync(Stream, "{}", "text/plain", Credentials);

        var entries = logs.Entries.ToList();
        entries.Select(e => e.Id.Id).Should().Equal(5003, 5000, 5001, 5002, 5004, 5006);
        entries.Should().OnlyContain(e => e.Id.Id >= 5000 && e.Id.Id < 5050);
        entries.Single(e => e.Id.Id == 5002).Message.Should().Contain("b").And.Contain("invalid_key").And.Contain("Unknown kid");
        foreach (var entry in entries)
        {
            var text = entry.Message + string.Join(" ", entry.State.Select(s => s.Value));
            text.Should().NotContain("s3cr3t-value");
            foreach (var jti in new[] { "old", "a", "b" })
            {
                text.Should().NotContain(PushSets.Token(jti).Split('.')[1]);
            }
        }
    }

    [Test]
    public async Task HandleAsync_EachOutcome_CountedWithBoundedTags()
    {
        var measurements = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SecEvent.Delivery" && instrument.Name.StartsWith("secevent.poll.transmitter.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();
        await using var host = await PollHost.StartAsync();
        await host.PublishAsync(Stream, "a", "b", "c");

        await host.PollAsync(Stream, new { returnImmediately = true });
        await host.PollAsync(Stream, new { ack = new[] { "a", "b" }, setErrs = new Dictionary<string, object> { ["c"] = new { err = "made_up", description = "x" } }, returnImmediately = true }, r => r.Content!.Headers.ContentLanguage.Add("en"));
        await host.PollAsync(Stream, "[]");
        await host.PollAsync(Stream, "{}", "text/plain");

        List<(string Instrument, long Value, Dictionary<string, object?> Tags)> seen;
        lock (measurements)
        {
            seen = [.. measurements];
        }

        seen.Where(m => m.Instrument == "secevent.poll.transmitter.requests").Select(m => (string?)m.Tags["secevent.poll.outcome"])
            .Should().Equal("delivered", "empty", "invalid_request", "unsupported_media_type");
        seen.Where(m => m.Instrument == "secevent.poll.transmitter.sets.delivered").Sum(m => m.Value).Should().Be(3);
        seen.Where(m => m.Instrument == "secevent.poll.transmitter.sets.acknowledged").Sum(m => m.Value).Should().Be(2);
        seen.Single(m => m.Instrument == "secevent.poll.transmitter.sets.rejected").Tags["secevent.poll.err"].Should().Be("other", "an unregistered err is not a tag value");
        seen.Should().OnlyContain(m => m.Tags.Values.All(v => !Equals(v, Stream) && !Equals(v, "a")), "tags never carry a stream id or a jti");
    }

    [Test]
    public async Task HandleAsync_LongPollWait_RecordedWithHowItEnded()
    {
        var waits = new List<(double Seconds, object? Ending)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SecEvent.Delivery" && instrument.Name == "secevent.poll.transmitter.long_poll.wait.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            lock (waits)
            {
                waits.Add((value, tags.ToArray().Single(t => t.Key == "secevent.poll.wait.ending").Value));
            }
        });
        listener.Start();
        await using var host = await PollHost.StartAsync(PollHost.ObservedInMemory, o => o.LongPollTimeout = TimeSpan.FromMilliseconds(300));

        await host.PollAsync(Stream, new { });
        var polling = host.PollAsync(Stream, new { maxEvents = 1 });
        await host.Observed.WaitForEmptyLeaseAsync();
        await host.Observed.WaitForEmptyLeaseAsync();
        await host.PublishAsync(Stream, "a");
        await polling;

        lock (waits)
        {
            waits.Select(w => w.Ending).Should().Contain("timeout");
            waits.Should().OnlyContain(w => w.Seconds >= 0);
        }
    }

    [Test]
    public async Task HandleAsync_WithListener_StartsOneServerActivityPerRequestTaggedWithTheOutcome()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "SecEvent.Delivery",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "secevent.poll.transmit")
                {
                    lock (activities)
                    {
                        activities.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await PollHost.StartAsync();
        await host.PublishAsync(Stream, "a");

        await host.PollAsync(Stream, new { returnImmediately = true });
        await host.PollAsync(Stream, "[]");

        activities.Should().HaveCount(2);
        activities.Should().OnlyContain(a => a.Kind == ActivityKind.Server && (string?)a.GetTagItem("secevent.poll.stream") == Stream);
        activities[0].GetTagItem("secevent.poll.delivered").Should().Be(1);
        activities[0].GetTagItem("secevent.poll.outcome").Should().Be("delivered");
        activities[1].GetTagItem("secevent.poll.outcome").Should().Be("invalid_request");
        activities[1].Status.Should().Be(ActivityStatusCode.Error);
    }
}
