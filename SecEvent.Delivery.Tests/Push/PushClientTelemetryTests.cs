using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using static SecEvent.Delivery.Tests.Push.PushTestKit;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>Logs, metrics and traces of <see cref="PushClient"/>: they name the jti and host, never the SET or a credential.</summary>
[NonParallelizable]
public class PushClientTelemetryTests
{
    private const string Secret = "Bearer top-secret-credential";

    [Test]
    public async Task PushAsync_RetriedThenRejected_LogsJtiAndHostButNeverSetOrAuthorization()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, n) =>
            n == 1 ? RespondAsync(c, 503) : RespondAsync(c, 400, """{"err":"invalid_audience","description":"Wrong aud."}"""));
        using var http = NewHttpClient();
        var logger = new CollectingLogger();

        var result = await new PushClient(http, FastOptions(), logger).PushAsync(Set, recipient.Endpoint(authorization: Secret));

        result.ErrorCode.Should().Be("invalid_audience");
        logger.Entries.Select(e => e.EventId.Id).Should().Contain([1000, 1001, 1003]);
        logger.Entries.Should().OnlyContain(e => e.Message.Contains(SetJti) && e.Message.Contains("127.0.0.1"));
        logger.Entries.Should().NotContain(e => e.Message.Contains(Set) || e.Message.Contains("top-secret"));
        logger.Entries.Single(e => e.EventId.Id == 1001).Message.Should().Contain("503");
    }

    [Test]
    public async Task PushAsync_Delivered_RecordsMetricsAndOneActivity()
    {
        await using var recipient = await ScriptedRecipient.StartAsync((c, n) => RespondAsync(c, n == 1 ? 502 : 202));
        using var http = NewHttpClient();
        var endpoint = new PushEndpoint(new UriBuilder(recipient.Server.BaseAddress) { Host = "localhost", Path = "events" }.Uri) { AllowHttp = true, AuthorizationHeader = Secret };
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "SecEvent.Delivery")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i.Name, v, t));
        meters.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i.Name, v, t));
        meters.Start();
        var activities = new ConcurrentQueue<Activity>();
        using var tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "SecEvent.Delivery",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(tracing);

        var result = await new PushClient(http, FastOptions()).PushAsync(Set, endpoint);

        result.Outcome.Should().Be(PushOutcome.Delivered);
        var ours = measurements.Where(m => Equals(m.Tags.GetValueOrDefault("server.address"), "localhost")).ToList();
        ours.Where(m => m.Instrument == "secevent.push.attempts").Sum(m => m.Value).Should().Be(2);
        ours.Should().ContainSingle(m => m.Instrument == "secevent.push.outcomes")
            .Which.Tags["secevent.push.outcome"].Should().Be("delivered");
        ours.Should().ContainSingle(m => m.Instrument == "secevent.push.duration").Which.Value.Should().BePositive();
        ours.SelectMany(m => m.Tags.Values).Should().NotContain(v => Equals(v, SetJti), "a jti is unbounded: no metric tag");
        var activity = activities.Should().ContainSingle(a => Equals(a.GetTagItem("server.address"), "localhost")).Subject;
        activity.OperationName.Should().Be("secevent.push");
        activity.GetTagItem("secevent.jti").Should().Be(SetJti);
        activity.GetTagItem("secevent.push.outcome").Should().Be("delivered");
        activity.TagObjects.Select(t => t.Value as string ?? "").Should().NotContain(s => s.Contains("top-secret") || s.Contains(Set));

        void Record(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            measurements.Enqueue((name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
    }

    [Test]
    public void JtiReader_CompactJws_ReadsJti()
    {
        JtiReader.TryRead(Set).Should().Be(SetJti);
    }

    [TestCase("")]
    [TestCase("not-a-jwt")]
    [TestCase("a.b")]
    [TestCase("a.!!!.c")]
    [TestCase("eyJhbGciOiJub25lIn0.WzFd.")]
    [TestCase("a.b.c.d.e")]
    public void JtiReader_NotACompactJwsWithJti_ReturnsNull(string token)
    {
        JtiReader.TryRead(token).Should().BeNull();
    }

    private sealed class CollectingLogger : ILogger<PushClient>
    {
        public ConcurrentQueue<(EventId EventId, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((eventId, formatter(state, exception)));
    }
}
