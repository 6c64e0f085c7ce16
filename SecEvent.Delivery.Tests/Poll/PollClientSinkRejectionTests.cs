using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens;
using static SecEvent.Delivery.Tests.Poll.PollClientTestKit;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// A sink that refuses a SET with a <see cref="SecurityEventTokenException"/> gets it reported in <c>setErrs</c> with that
/// code and description (POLL-08, POLL-11), against a real <see cref="PollTransmitter"/> on Kestrel; any other sink
/// failure is still neither reported nor acknowledged (POLL-02).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PollClientSinkRejectionTests
{
    private static PollClientOptions Polling(PollEndToEndHost host, ISecurityEventReplayStore replay) =>
        Options(host.Endpoint(), o =>
        {
            o.ReturnImmediately = false;
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.ReplayStore = replay;
        });

    [Test]
    public async Task POLL_08_SinkRejectsWithSecurityEventTokenException_ReportedWithItsCodeAndDescription_NotAcknowledgedNorRecorded()
    {
        await using var host = await PollEndToEndHost.StartAsync(new InMemorySecurityEventOutbox(TimeProvider.System));
        await host.PublishAsync([PushSets.Token("good-1"), PushSets.Token("refused"), PushSets.Token("good-2")]);
        var sink = new RecordingSink
        {
            During = t =>
            {
                if (t.JwtId == "refused")
                {
                    throw new SecurityEventTokenException(new SecurityEventError(SecurityEventErrorCodes.InvalidState, "No such verification."));
                }
            },
        };
        var replay = new InMemorySecurityEventReplayStore(TimeProvider.System);
        using var http = NewHttpClient();
        var client = Client(http, Polling(host, replay), sink);

        await RunUntilAsync(client, () => !host.ReportedErrors.IsEmpty && host.Exchanges.SelectMany(e => e.Acks).Distinct().Count() == 2, "the refusal is reported and the rest acknowledged");

        var report = host.Exchanges.First(e => e.SetErrs.Count > 0);
        report.SetErrs.Should().Equal(new Dictionary<string, string> { ["refused"] = "invalid_state" });
        report.ContentLanguage.Should().NotBeNullOrEmpty("POLL-11");
        host.ReportedErrors.First().Errors["refused"].Should().Be(new PollSetError("invalid_state", "No such verification."));
        host.Exchanges.SelectMany(e => e.Acks).Should().NotContain("refused");
        sink.Accepted.Select(t => t.JwtId).Should().Equal("good-1", "good-2");
        (await replay.ContainsAsync(PushSets.Issuer, "refused", CancellationToken.None)).Should().BeFalse("a refused SET is not remembered");
        (await replay.ContainsAsync(PushSets.Issuer, "good-1", CancellationToken.None)).Should().BeTrue();
    }

    [Test]
    public async Task POLL_02_SinkThrowsAnOrdinaryException_NeitherReportedNorAcknowledged_AcceptedWhenOfferedAgain()
    {
        await using var host = await PollEndToEndHost.StartAsync(new InMemorySecurityEventOutbox(TimeProvider.System), o => o.RedeliveryDelay = TimeSpan.FromSeconds(1));
        await host.PublishAsync([PushSets.Token("flaky")]);
        var failures = 0;
        var sink = new RecordingSink
        {
            During = _ =>
            {
                if (Interlocked.Increment(ref failures) == 1)
                {
                    throw new IOException("disk full");
                }
            },
        };
        using var http = NewHttpClient();
        var client = Client(http, Polling(host, new InMemorySecurityEventReplayStore(TimeProvider.System)), sink);

        await RunUntilAsync(client, () => host.Exchanges.SelectMany(e => e.Acks).Contains("flaky"), "the SET is acknowledged once the sink takes it");

        sink.Calls.Should().BeGreaterThanOrEqualTo(2);
        host.Exchanges.Should().NotContain(e => e.SetErrs.Count > 0, "a sink failure is not the SET's fault (POLL-02)");
        host.ReportedErrors.Should().BeEmpty();
    }
}
