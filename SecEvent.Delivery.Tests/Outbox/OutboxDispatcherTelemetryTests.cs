using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Tests.Push;
using SecEvent.Delivery.Tests.Support;

namespace SecEvent.Delivery.Tests.Outbox;

/// <summary>What the dispatcher tells operators: settlements and outbox size as metrics, dead letters in the log.</summary>
public class OutboxDispatcherTelemetryTests
{
    [Test]
    public async Task Run_DeliveredAndDeadLettered_CountedAndOutboxSizeObserved()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((context, n) => n == 1
            ? PushTestKit.RespondAsync(context, 400, """{"err":"invalid_request","description":"unparseable"}""")
            : PushTestKit.RespondAsync(context, 202));
        var name = "telemetry-" + Guid.NewGuid().ToString("N");
        using var rig = new OutboxRig(configure: o =>
        {
            o.Name = name;
            o.MaxConcurrency = 1;
            o.StatisticsInterval = TimeSpan.FromMilliseconds(20);
        });
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "SecEvent.Delivery" && instrument.Name.StartsWith("secevent.outbox.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i.Name, v, t));
        meters.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i.Name, v, t));
        meters.Start();
        await rig.EnqueueAsync(recipient.Server.BaseAddress, PushTestKit.Set, PushSets.Token("second"), PushSets.Token("third"));
        using var stop = new CancellationTokenSource();
        var run = rig.Dispatcher.RunAsync(stop.Token);
        await OutboxDispatcherTests.WaitUntilAsync(() => rig.Settlements.Count == 3);
        await Task.Delay(100); // A statistics reading after the last settlement.

        meters.RecordObservableInstruments();
        await stop.CancelAsync();
        await run;

        var ours = measurements.Where(m => Equals(m.Tags.GetValueOrDefault("secevent.outbox.name"), name)).ToList();
        ours.Where(m => m.Instrument == "secevent.outbox.settlements")
            .GroupBy(m => (string)m.Tags["secevent.outbox.settlement"]!)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value))
            .Should().BeEquivalentTo(new Dictionary<string, double> { ["dead_letter"] = 1, ["delivered"] = 2 });
        ours.Should().ContainSingle(m => m.Instrument == "secevent.outbox.pending").Which.Value.Should().Be(0);
        ours.Should().ContainSingle(m => m.Instrument == "secevent.outbox.dead_letters").Which.Value.Should().Be(1);
        ours.Should().ContainSingle(m => m.Instrument == "secevent.outbox.oldest_pending_age").Which.Value.Should().Be(0);

        void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            measurements.Enqueue((instrument, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
    }

    [Test]
    public async Task Run_Stopped_NoLongerObserved()
    {
        var name = "stopped-" + Guid.NewGuid().ToString("N");
        using var rig = new OutboxRig(configure: o => o.Name = name);
        using var stop = new CancellationTokenSource();
        var run = rig.Dispatcher.RunAsync(stop.Token);
        await Task.Delay(50);
        await stop.CancelAsync();
        await run;
        var seen = new List<string>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                seen.Add(tag.Value as string ?? "");
            }
        });
        meters.Start();

        meters.RecordObservableInstruments();

        seen.Should().NotContain(name);
    }

    [Test]
    public async Task Drain_DeadLetter_LoggedWithJtiAndReasonNeverTheSet()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((context, _) =>
            PushTestKit.RespondAsync(context, 400, """{"err":"invalid_issuer","description":"unknown issuer"}"""));
        using var logs = new LogCollector();
        var client = OutboxRig.ClientWithoutRetries();
        using var rig = new OutboxRig(client: client);
        var dispatcher = new OutboxDispatcher(rig.Outbox, rig.Client, rig.Options, logs.CreateLogger<OutboxDispatcher>());
        await rig.EnqueueAsync(recipient.Server.BaseAddress, PushTestKit.Set);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await dispatcher.DrainAsync(timeout.Token);

        var deadLettered = logs.Entries.Should().ContainSingle(e => e.Id.Id == 4002).Subject;
        deadLettered.Level.Should().Be(LogLevel.Warning);
        deadLettered.Message.Should().Contain(PushTestKit.SetJti).And.Contain("invalid_issuer: unknown issuer");
        logs.Entries.Should().NotContain(e => e.Message.Contains(PushTestKit.Set));
    }
}
