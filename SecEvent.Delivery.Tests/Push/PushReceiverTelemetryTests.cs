using System.Diagnostics;
using System.Diagnostics.Metrics;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>Logs, metrics and activities of <see cref="PushReceiver"/>: identifiers yes, tokens and credentials never.</summary>
[NonParallelizable]
public class PushReceiverTelemetryTests
{
    [Test]
    public async Task ReceiveAsync_AcceptedAndRefused_LogJtiIssAndErrButNeverTokenOrAuthorization()
    {
        var logs = new LogCollector();
        var receiver = new PushReceiver(PushSets.Options(), new RecordingSink(), PushSets.Clock(), logs);
        var good = PushSets.Token("log-1");
        var bad = PushSets.Token("log-2", audience: "https://elsewhere.example.com");

        await receiver.ReceiveAsync(PushSets.Request(good, authorization: "Bearer s3cr3t-value"));
        await receiver.ReceiveAsync(PushSets.Request(good, authorization: "Bearer s3cr3t-value"));
        await receiver.ReceiveAsync(PushSets.Request(bad, authorization: "Bearer s3cr3t-value"));

        var entries = logs.Entries.ToList();
        entries.Select(e => e.Id.Id).Should().Equal(2000, 2001, 2002);
        entries[0].Message.Should().Contain("log-1").And.Contain(PushSets.Issuer);
        entries[2].Message.Should().Contain("invalid_audience");
        entries.Should().OnlyContain(e => e.Id.Id >= 2000 && e.Id.Id < 3000);
        foreach (var entry in entries)
        {
            var text = entry.Message + string.Join(" ", entry.State.Select(s => s.Value));
            text.Should().NotContain("s3cr3t-value");
            foreach (var segment in good.Split('.').Concat(bad.Split('.')))
            {
                text.Should().NotContain(segment);
            }
        }
    }

    [Test]
    public async Task ReceiveAsync_SinkFailure_LoggedAsErrorWithJti()
    {
        var logs = new LogCollector();
        var receiver = new PushReceiver(PushSets.Options(), new RecordingSink { FailWith = new IOException("down") }, PushSets.Clock(), logs);

        await receiver.ReceiveAsync(PushSets.Request(PushSets.Token("fail-1")));

        var entry = logs.Entries.Should().ContainSingle().Subject;
        entry.Id.Id.Should().Be(2008);
        entry.Level.Should().Be(Microsoft.Extensions.Logging.LogLevel.Error);
        entry.Message.Should().Contain("fail-1");
    }

    [Test]
    public async Task ReceiveAsync_EachOutcome_CountedOnSecEventPushReceivedWithBoundedTags()
    {
        var measurements = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SecEvent.Delivery" && instrument.Name == "secevent.push.received")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();
        var receiver = new PushReceiver(PushSets.Options(), new RecordingSink(), PushSets.Clock());

        await receiver.ReceiveAsync(PushSets.Request(PushSets.Token("m-1")));
        await receiver.ReceiveAsync(PushSets.Request(PushSets.Token("m-1")));
        await receiver.ReceiveAsync(PushSets.Request(PushSets.Token("m-2", key: PushSets.OtherKey)));
        await receiver.ReceiveAsync(PushSets.Request(PushSets.Token("m-3"), "text/plain"));

        measurements.Select(m => (string?)m.Tags["outcome"]).Should().Equal("accepted", "duplicate", "refused", "unsupported_media_type");
        measurements[2].Tags["err"].Should().Be("invalid_key");
        measurements.Should().OnlyContain(m => m.Value == 1 && !m.Tags.ContainsKey("jti"));
    }

    [Test]
    public async Task ReceiveAsync_WithListener_StartsOneServerActivityTaggedWithOutcome()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "SecEvent.Delivery",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        var receiver = new PushReceiver(PushSets.Options(), new RecordingSink(), PushSets.Clock());

        await receiver.ReceiveAsync(PushSets.Request(PushSets.Token("a-1")));
        await receiver.ReceiveAsync(PushSets.Request("garbage"));

        activities.Should().HaveCount(2);
        activities.Should().OnlyContain(a => a.OperationName == "secevent.push.receive" && a.Kind == ActivityKind.Server);
        activities[0].GetTagItem("secevent.jti").Should().Be("a-1");
        activities[0].GetTagItem("secevent.push.outcome").Should().Be("accepted");
        activities[1].GetTagItem("secevent.err").Should().Be("invalid_request");
        activities[1].Status.Should().Be(ActivityStatusCode.Error);
    }
}
