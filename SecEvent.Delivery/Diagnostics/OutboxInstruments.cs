using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using SecEvent.Delivery.Outbox;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>
/// The outbox's instruments on <see cref="DeliveryTelemetry.Meter"/>: settlements counted as they happen, and the size
/// of each running dispatcher's outbox (pending, oldest pending age, dead letters) observed from its last reading.
/// </summary>
internal static class OutboxInstruments
{
    private const string NameTag = "secevent.outbox.name";

    private static readonly ConcurrentDictionary<OutboxGaugeReading, byte> Readings = new();

    public static readonly Counter<long> Settlements = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.outbox.settlements", "{set}", "Leases ended by outbox dispatchers, by settlement: delivered, retry, dead_letter, release.");

    static OutboxInstruments()
    {
        DeliveryTelemetry.Meter.CreateObservableGauge(
            "secevent.outbox.pending", () => Observe(r => r.Statistics.Pending), "{set}", "SETs waiting in the outbox, leased ones included.");
        DeliveryTelemetry.Meter.CreateObservableGauge(
            "secevent.outbox.oldest_pending_age", () => Observe(r => r.OldestPendingAge.TotalSeconds), "s", "The age of the oldest SET waiting in the outbox.");
        DeliveryTelemetry.Meter.CreateObservableGauge(
            "secevent.outbox.dead_letters", () => Observe(r => r.Statistics.DeadLetters), "{set}", "SETs the outbox gave up on.");
    }

    /// <summary>Starts reporting a dispatcher's outbox size; dispose the result when the dispatcher stops.</summary>
    public static OutboxGaugeReading Track(string name, TimeProvider timeProvider)
    {
        var reading = new OutboxGaugeReading(name, timeProvider);
        Readings.TryAdd(reading, 0);
        return reading;
    }

    public static void RecordSettlement(string name, OutboxSettlementKind kind)
    {
        if (Settlements.Enabled)
        {
            Settlements.Add(1, new TagList { { NameTag, name }, { "secevent.outbox.settlement", KindTag(kind) } });
        }
    }

    internal static void Untrack(OutboxGaugeReading reading) => Readings.TryRemove(reading, out _);

    private static IEnumerable<Measurement<T>> Observe<T>(Func<OutboxGaugeReading, T> value)
        where T : struct
    {
        foreach (var reading in Readings.Keys)
        {
            yield return new Measurement<T>(value(reading), new KeyValuePair<string, object?>(NameTag, reading.Name));
        }
    }

    private static string KindTag(OutboxSettlementKind kind) => kind switch
    {
        OutboxSettlementKind.Delivered => "delivered",
        OutboxSettlementKind.Retry => "retry",
        OutboxSettlementKind.DeadLetter => "dead_letter",
        _ => "release",
    };
}
