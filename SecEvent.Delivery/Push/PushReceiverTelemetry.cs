using System.Diagnostics;
using System.Diagnostics.Metrics;
using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Push;

/// <summary>The push receiver's instruments on <see cref="DeliveryTelemetry.Meter"/> and its activity.</summary>
internal static class PushReceiverTelemetry
{
    public const string ActivityName = "secevent.push.receive";

    /// <summary>Push requests answered, tagged <c>outcome</c> and, for refusals, <c>err</c>.</summary>
    public static readonly Counter<long> Received = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.push.received", "{request}", "Push requests answered by the receiver, by outcome and err code.");

    /// <summary>Time to answer a push request, sink included.</summary>
    public static readonly Histogram<double> Duration = DeliveryTelemetry.Meter.CreateHistogram<double>(
        "secevent.push.receive.duration", "s", "Time the receiver took to answer a push request.");

    public static void Record(Activity? activity, PushResponse response, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "outcome", response.Outcome },
            { "http.response.status_code", response.StatusCode },
        };
        if (response.Error is { } error)
        {
            tags.Add("err", error.Code);
        }

        Received.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);

        if (activity is null)
        {
            return;
        }

        activity.SetTag("secevent.push.outcome", response.Outcome);
        activity.SetTag("http.response.status_code", response.StatusCode);
        if (response.Error is { } err)
        {
            activity.SetTag("secevent.err", err.Code);
        }

        if (response.Token is { } token)
        {
            activity.SetTag("secevent.iss", token.Issuer);
            activity.SetTag("secevent.jti", token.JwtId);
        }

        if (response.StatusCode >= 400)
        {
            activity.SetStatus(ActivityStatusCode.Error, response.Error?.Code ?? response.Outcome);
        }
    }

    /// <summary>The bounded values of the <c>outcome</c> tag.</summary>
    public static class Outcomes
    {
        public const string Accepted = "accepted";
        public const string Duplicate = "duplicate";
        public const string Refused = "refused";
        public const string UnsupportedMediaType = "unsupported_media_type";
        public const string TooLarge = "too_large";
        public const string MethodNotAllowed = "method_not_allowed";
        public const string SinkFailed = "sink_failed";
        public const string Error = "error";
    }
}
