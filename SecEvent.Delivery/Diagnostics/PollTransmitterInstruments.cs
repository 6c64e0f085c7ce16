using System.Diagnostics;
using System.Diagnostics.Metrics;
using SecEvent.Delivery.Poll;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>
/// The poll transmitter's instruments on <see cref="DeliveryTelemetry.Meter"/> and its activity. Tags are bounded: an
/// outcome, a registered <c>err</c> code or <c>other</c>, a reason; never a stream id or a <c>jti</c>.
/// </summary>
internal static class PollTransmitterInstruments
{
    public const string ActivityName = "secevent.poll.transmit";

    public static readonly Counter<long> Requests = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.poll.transmitter.requests", "{request}", "Poll requests answered by the transmitter, by outcome.");

    public static readonly Counter<long> Delivered = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.poll.transmitter.sets.delivered", "{set}", "SETs offered in poll responses, offers again included.");

    public static readonly Counter<long> Acknowledged = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.poll.transmitter.sets.acknowledged", "{set}", "Pending SETs removed by a recipient's ack.");

    public static readonly Counter<long> Rejected = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.poll.transmitter.sets.rejected", "{set}", "SETs reported in a recipient's setErrs, by err code.");

    public static readonly Counter<long> DeadLettered = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.poll.transmitter.sets.dead_lettered", "{set}", "SETs dead-lettered instead of offered, by reason: max_age, max_offers, no_jti.");

    public static readonly Histogram<double> WaitDuration = DeliveryTelemetry.Meter.CreateHistogram<double>(
        "secevent.poll.transmitter.long_poll.wait.duration", "s", "Time a long poll was held waiting for a SET, by how it ended: sets, timeout, cancelled.");

    public static void RecordRejected(string err) => Rejected.Add(1, new KeyValuePair<string, object?>("secevent.poll.err", PushClientInstruments.ErrTag(err)));

    public static void RecordDeadLettered(string reason) => DeadLettered.Add(1, new KeyValuePair<string, object?>("secevent.poll.reason", reason));

    public static void RecordWait(TimeSpan waited, string ending) =>
        WaitDuration.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("secevent.poll.wait.ending", ending));

    /// <summary>A request whose caller went away: no response, and no status.</summary>
    public static void RecordGone(Activity? activity, string stream)
    {
        Requests.Add(1, new KeyValuePair<string, object?>("secevent.poll.outcome", Outcomes.ReceiverGone));
        activity?.SetTag("secevent.poll.stream", stream);
        activity?.SetTag("secevent.poll.outcome", Outcomes.ReceiverGone);
    }

    public static void Record(Activity? activity, string stream, PollEndpointResponse response)
    {
        Requests.Add(1, new TagList
        {
            { "secevent.poll.outcome", response.Outcome },
            { "http.response.status_code", response.StatusCode },
        });
        if (response.Delivered > 0)
        {
            Delivered.Add(response.Delivered);
        }

        if (response.Acknowledged > 0)
        {
            Acknowledged.Add(response.Acknowledged);
        }

        if (activity is null)
        {
            return;
        }

        activity.SetTag("secevent.poll.stream", stream);
        activity.SetTag("secevent.poll.outcome", response.Outcome);
        activity.SetTag("secevent.poll.delivered", response.Delivered);
        activity.SetTag("secevent.poll.acknowledged", response.Acknowledged);
        activity.SetTag("secevent.poll.rejected", response.Rejected);
        activity.SetTag("http.response.status_code", response.StatusCode);
        if (response.StatusCode >= 400)
        {
            activity.SetStatus(ActivityStatusCode.Error, response.Outcome);
        }
    }

    /// <summary>The bounded values of the <c>secevent.poll.outcome</c> tag.</summary>
    public static class Outcomes
    {
        public const string Delivered = "delivered";
        public const string Empty = "empty";
        public const string InvalidRequest = "invalid_request";
        public const string AuthenticationFailed = "authentication_failed";
        public const string AccessDenied = "access_denied";
        public const string MethodNotAllowed = "method_not_allowed";
        public const string UnsupportedMediaType = "unsupported_media_type";
        public const string TooLarge = "too_large";
        public const string ReceiverGone = "receiver_gone";
        public const string Error = "error";
    }

    /// <summary>The bounded values of the dead-letter <c>secevent.poll.reason</c> tag.</summary>
    public static class Reasons
    {
        public const string MaxAge = "max_age";
        public const string MaxOffers = "max_offers";
        public const string NoJti = "no_jti";
    }
}
