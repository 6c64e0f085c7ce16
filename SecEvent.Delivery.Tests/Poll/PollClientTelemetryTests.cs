using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Tests.Support;
using static SecEvent.Delivery.Tests.Poll.PollClientTestKit;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// Logs, metrics and traces of <see cref="PollClient"/>: they name jti, iss and host, never a SET or a credential
/// (RFC 8936 §4.4, §5).
/// </summary>
[NonParallelizable]
public class PollClientTelemetryTests
{
    private const string Secret = "Bearer top-secret-credential";

    [Test]
    public async Task RunAsync_EveryKindOfEvent_LogsNeitherSetsNorAuthorization()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        var good = PushSets.Token("good-jti");
        var forged = PushSets.Token("forged-jti", key: PushSets.OtherKey);
        var misfiled = PushSets.Token("misfiled-jti");
        transmitter.Offer(("good-jti", good), ("forged-jti", forged), ("other-key", misfiled));
        transmitter.Script = async (poll, context) =>
        {
            if (poll.Number != 2)
            {
                return false;
            }

            context.Response.Headers.RetryAfter = "0";
            await FakeTransmitter.WriteAsync(context, 503, body: null);
            return true;
        };
        var logs = new LogCollector();
        var sink = new RecordingSink { FailWith = new InvalidOperationException("disk full") };
        sink.During = _ =>
        {
            if (sink.Calls == 2)
            {
                sink.FailWith = null;
            }
        };
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter.Endpoint(Secret)), sink, logs);

        await RunUntilAsync(client, () => transmitter.Acknowledged.Contains("good-jti") && transmitter.Count >= 5, "the SET is acknowledged and polling goes on");

        var ids = logs.Entries.Select(e => e.Id.Id).ToHashSet();
        ids.Should().Contain([5100, 5101, 5104, 5106, 5107, 5108, 5110, 5113]);
        ids.Should().OnlyContain(id => id >= 5100 && id <= 5149);
        var written = logs.Entries.SelectMany(e => e.State.Select(s => s.Value?.ToString() ?? "").Append(e.Message)).ToList();
        written.Should().NotContain(s => s.Contains(good) || s.Contains(forged) || s.Contains(misfiled), "a SET is never logged");
        written.Should().NotContain(s => s.Contains("top-secret"), "a credential is never logged");
        written.Should().NotContain(s => s.Contains(good.Split('.')[1]) || s.Contains(good.Split('.')[2]), "nor any part of one");
        logs.Entries.Should().Contain(e => e.Id.Id == 5104 && e.Message.Contains("good-jti") && e.Message.Contains(PushSets.Issuer) && e.Message.Contains("127.0.0.1"));
        logs.Entries.Should().Contain(e => e.Id.Id == 5107 && e.Message.Contains("misfiled-jti") && e.Message.Contains("other-key"));
    }

    [Test]
    public async Task RunAsync_RoundsAndRequests_RecordedAsMetricsAndActivities()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer(PollClientTestKit.Set("a"), ("b", "not.a.jwt"));
        var endpoint = new PollEndpoint(new UriBuilder(transmitter.Uri) { Host = "localhost" }.Uri) { AllowHttp = true, AuthorizationHeader = Secret };
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "SecEvent.Delivery" && instrument.Name.StartsWith("secevent.poll.client.", StringComparison.Ordinal))
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
        using var http = NewHttpClient();
        var client = Client(http, Options(endpoint), new RecordingSink());

        await RunUntilAsync(client, () => transmitter.OutstandingCount == 0 && transmitter.Count >= 3, "both SETs are settled and the request settling them answered");

        var ours = measurements.Where(m => Equals(m.Tags.GetValueOrDefault("server.address"), "localhost")).ToList();
        var sets = ours.Where(m => m.Instrument == "secevent.poll.client.sets").ToList();
        sets.Select(m => m.Tags["secevent.poll.outcome"]).Should().BeEquivalentTo(new[] { "accepted", "rejected" });
        sets.Single(m => Equals(m.Tags["secevent.poll.outcome"], "rejected")).Tags["secevent.poll.err"].Should().Be("invalid_request");
        var requests = ours.Where(m => m.Instrument == "secevent.poll.client.requests").ToList();
        requests.Should().HaveCountGreaterThanOrEqualTo(2);
        requests.Should().OnlyContain(m => Equals(m.Tags["secevent.poll.request.outcome"], "success") && Equals(m.Tags["http.response.status_code"], 200));
        ours.Where(m => m.Instrument == "secevent.poll.client.request.duration").Should().HaveCount(requests.Count).And.OnlyContain(m => m.Value > 0);
        ours.SelectMany(m => m.Tags.Values).Should().NotContain(v => Equals(v, "a"), "a jti is unbounded: no metric tag");

        var rounds = activities.Where(a => Equals(a.GetTagItem("server.address"), "localhost")).ToList();
        rounds.Should().OnlyContain(a => a.OperationName == "secevent.poll" && a.Kind == ActivityKind.Client);
        var first = rounds.First(a => Equals(a.GetTagItem("secevent.poll.sets"), 2));
        first.GetTagItem("secevent.poll.accepted").Should().Be(1);
        first.GetTagItem("secevent.poll.rejected").Should().Be(1);
        rounds.Should().Contain(a => Equals(a.GetTagItem("secevent.poll.acks"), 1) && Equals(a.GetTagItem("secevent.poll.set_errs"), 1));
        rounds.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? "").Should().NotContain(s => s.Contains("top-secret"));

        void Record(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            measurements.Enqueue((name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
    }

    [Test]
    public async Task PollOnceAsync_Refused_RequestCountedWithOutcomeAndActivityFailed()
    {
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Script = async (_, context) =>
        {
            await FakeTransmitter.WriteAsync(context, 403, body: null);
            return true;
        };
        var endpoint = new PollEndpoint(new UriBuilder(transmitter.Uri) { Host = "localhost" }.Uri) { AllowHttp = true };
        var outcomes = new ConcurrentQueue<object?>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "secevent.poll.client.requests")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var all = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(all["server.address"], "localhost"))
            {
                outcomes.Enqueue(all["secevent.poll.request.outcome"]);
            }
        });
        meters.Start();
        var activities = new ConcurrentQueue<Activity>();
        using var tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "SecEvent.Delivery",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(tracing);
        using var http = NewHttpClient();
        var client = Client(http, Options(endpoint), new RecordingSink());

        var poll = () => client.PollOnceAsync().AsTask();

        await poll.Should().ThrowAsync<PollException>();
        outcomes.Should().Equal("refused");
        activities.Should().ContainSingle(a => Equals(a.GetTagItem("server.address"), "localhost"))
            .Which.Status.Should().Be(ActivityStatusCode.Error);
    }
}
