using System.Diagnostics.Metrics;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>
/// The SSF stream event instruments on <see cref="DeliveryTelemetry.Meter"/>. Tags are bounded: an event kind and an
/// outcome; never a stream id, a <c>jti</c> or a state.
/// </summary>
internal static class SsfEventInstruments
{
    public static readonly Counter<long> Events = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.ssf.stream_events", "{event}",
        "SSF verification and stream-updated events seen by the receiver, by event (verification, stream_updated) and outcome.");

    public static readonly Counter<long> Verifications = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.ssf.verifications", "{verification}",
        "Verifications requested by the receiver, by outcome (verified, timed_out, request_failed, cancelled).");

    public static void RecordEvent(string kind, string outcome) =>
        Events.Add(1, new KeyValuePair<string, object?>("secevent.ssf.event", kind), new KeyValuePair<string, object?>("secevent.ssf.outcome", outcome));

    public static void RecordVerification(string outcome) =>
        Verifications.Add(1, new KeyValuePair<string, object?>("secevent.ssf.outcome", outcome));

    public static class Kinds
    {
        public const string Verification = "verification";
        public const string StreamUpdated = "stream_updated";
    }

    public static class Outcomes
    {
        public const string Verified = "verified";
        public const string TransmitterInitiated = "transmitter_initiated";
        public const string InvalidState = "invalid_state";
        public const string InvalidRequest = "invalid_request";
        public const string Applied = "applied";
        public const string Stale = "stale";
        public const string TimedOut = "timed_out";
        public const string RequestFailed = "request_failed";
        public const string Cancelled = "cancelled";
    }
}
