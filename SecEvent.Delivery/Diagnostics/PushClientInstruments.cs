using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Diagnostics;

/// <summary>The push client's instruments on <see cref="DeliveryTelemetry.Meter"/>. Tags are bounded: no <c>jti</c>.</summary>
internal static class PushClientInstruments
{
    public static readonly Counter<long> Attempts = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.push.attempts", "{request}", "HTTP requests sent by the push client, retries included.");

    public static readonly Counter<long> Outcomes = DeliveryTelemetry.Meter.CreateCounter<long>(
        "secevent.push.outcomes", "{set}", "Pushes finished, by outcome and RFC 8935 err code.");

    public static readonly Histogram<double> Duration = DeliveryTelemetry.Meter.CreateHistogram<double>(
        "secevent.push.duration", "s", "Time to push one SET, retries and delays included.");

    private static readonly HashSet<string> KnownCodes = new(StringComparer.Ordinal)
    {
        SecurityEventErrorCodes.InvalidRequest,
        SecurityEventErrorCodes.InvalidKey,
        SecurityEventErrorCodes.InvalidIssuer,
        SecurityEventErrorCodes.InvalidAudience,
        SecurityEventErrorCodes.AuthenticationFailed,
        SecurityEventErrorCodes.AccessDenied,
        SecurityEventErrorCodes.InvalidState,
    };

    public static void RecordAttempt(string host, string? errorType, HttpStatusCode? status = null)
    {
        if (!Attempts.Enabled)
        {
            return;
        }

        var tags = new TagList { { "server.address", host } };
        if (status is { } code)
        {
            tags.Add("http.response.status_code", (int)code);
        }

        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        Attempts.Add(1, tags);
    }

    public static void RecordOutcome(string host, string outcome, string? err, TimeSpan duration)
    {
        if (!Outcomes.Enabled && !Duration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "server.address", host }, { "secevent.push.outcome", outcome } };
        if (err is not null)
        {
            tags.Add("secevent.push.err", err);
        }

        Outcomes.Add(1, tags);
        Duration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>A registered code as is; anything else as <c>other</c>, or <c>none</c> when the body had no <c>err</c>.</summary>
    public static string ErrTag(string? code) => code is null ? "none" : KnownCodes.Contains(code) ? code : "other";
}
