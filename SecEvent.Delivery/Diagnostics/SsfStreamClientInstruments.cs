using System.Diagnostics;
using System.Diagnostics.Metrics;
using SecEvent.Delivery.Ssf;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>
/// The SSF stream management client's instruments on <see cref="DeliveryTelemetry.Meter"/> and its activity. Tags are
/// bounded: the transmitter's host, the operation, an outcome and a status code.
/// </summary>
internal static class SsfStreamClientInstruments
{
    public const string ActivityName = "secevent.ssf.stream";

    public static readonly Counter<long> Requests = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.ssf.client.requests", "{request}", "Stream management requests sent (each attempt), by operation and outcome (success, http_error, invalid_response, unavailable).");

    public static readonly Histogram<double> RequestDuration = DeliveryTelemetry.Meter.CreateHistogram<double>(
        "secevent.ssf.client.request.duration", "s", "Time one stream management request took.");

    /// <summary>The operation's name in tags, logs and messages: the spec's words, in snake case.</summary>
    public static string OperationTag(SsfStreamOperation operation) => operation switch
    {
        SsfStreamOperation.Create => "create",
        SsfStreamOperation.Read => "read",
        SsfStreamOperation.Update => "update",
        SsfStreamOperation.Replace => "replace",
        SsfStreamOperation.Delete => "delete",
        SsfStreamOperation.ReadStatus => "read_status",
        SsfStreamOperation.UpdateStatus => "update_status",
        SsfStreamOperation.AddSubject => "add_subject",
        SsfStreamOperation.RemoveSubject => "remove_subject",
        SsfStreamOperation.Verify => "verify",
        _ => "unknown",
    };

    public static void RecordRequest(string host, SsfStreamOperation operation, string outcome, int? status, TimeSpan duration)
    {
        if (!Requests.Enabled && !RequestDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "server.address", host }, { "secevent.ssf.operation", OperationTag(operation) }, { "secevent.ssf.outcome", outcome } };
        if (status is { } code)
        {
            tags.Add("http.response.status_code", code);
        }

        Requests.Add(1, tags);
        RequestDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>The bounded values of the <c>outcome</c> tag.</summary>
    public static class Outcomes
    {
        public const string Success = "success";
        public const string HttpError = "http_error";
        public const string InvalidResponse = "invalid_response";
        public const string Unavailable = "unavailable";
    }
}
