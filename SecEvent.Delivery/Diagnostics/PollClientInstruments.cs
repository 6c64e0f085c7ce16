using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>
/// The poll client's instruments on <see cref="DeliveryTelemetry.Meter"/> and its activity. Tags are bounded: the
/// endpoint host, an outcome, a registered <c>err</c> code, a status code; never a <c>jti</c>.
/// </summary>
internal static class PollClientInstruments
{
    public const string ActivityName = "secevent.poll";

    public static readonly Counter<long> Sets = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.poll.client.sets", "{set}", "SETs received by the poll client, by outcome: accepted, duplicate, rejected, sink_failed.");

    public static readonly Counter<long> Requests = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.poll.client.requests", "{request}", "Poll requests sent, by kind (poll, acknowledge) and outcome (success, refused, protocol, unavailable).");

    public static readonly Histogram<double> RequestDuration = DeliveryTelemetry.Meter.CreateHistogram<double>(
        "secevent.poll.client.request.duration", "s", "Time one poll request took, a long poll's hold included.");

    public static void RecordSet(string host, string outcome, string? err = null)
    {
        if (!Sets.Enabled)
        {
            return;
        }

        var tags = new TagList { { "server.address", host }, { "secevent.poll.outcome", outcome } };
        if (err is not null)
        {
            tags.Add("secevent.poll.err", PushClientInstruments.ErrTag(err));
        }

        Sets.Add(1, tags);
    }

    public static void RecordRequest(string host, string kind, string outcome, int? status, TimeSpan duration)
    {
        if (!Requests.Enabled && !RequestDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "server.address", host }, { "secevent.poll.request.kind", kind }, { "secevent.poll.request.outcome", outcome } };
        if (status is { } code)
        {
            tags.Add("http.response.status_code", code);
        }

        Requests.Add(1, tags);
        RequestDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>The bounded values of the SET <c>outcome</c> tag.</summary>
    public static class SetOutcomes
    {
        public const string Accepted = "accepted";
        public const string Duplicate = "duplicate";
        public const string Rejected = "rejected";
        public const string SinkFailed = "sink_failed";
    }

    /// <summary>The bounded values of the request <c>kind</c> tag.</summary>
    public static class RequestKinds
    {
        public const string Poll = "poll";
        public const string Acknowledge = "acknowledge";
    }

    /// <summary>The request outcome tag: success, or the <see cref="Poll.PollFailure"/> in lower case.</summary>
    public static string RequestOutcome(Poll.PollFailure? failure) => failure switch
    {
        null => "success",
        Poll.PollFailure.Refused => "refused",
        Poll.PollFailure.Protocol => "protocol",
        _ => "unavailable",
    };

    public static void Fail(Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception is Poll.PollException poll ? RequestOutcome(poll.Failure) : exception.GetType().Name);
    }
}
