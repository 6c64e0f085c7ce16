using SecEvent.Tokens.Events.Caep;

namespace SecEvent.Demo;

/// <summary>
/// The push endpoint goes down — first answering 503 with <c>Retry-After</c>, then not answering at all — while events keep
/// coming; the durable outbox keeps them and the dispatcher retries until the endpoint is back (RFC 8935 §2.3).
/// </summary>
internal sealed partial class DemoScenario
{
    /// <summary>The last outbox depth put on the timeline.</summary>
    private long _shownDepth = -1;

    private async Task OutageAsync()
    {
        timeline.Phase("Outage: the relying party's push endpoint goes down for a few seconds");
        Rp.Unavailable = true;
        timeline.Trouble("rp", "push endpoint now answers 503 Service Unavailable with Retry-After: 1");
        await PublishToBothAsync(new CaepSessionRevoked { InitiatingEntity = CaepInitiatingEntity.System }, "outage-1");
        await PublishToBothAsync(new CaepSessionRevoked { InitiatingEntity = CaepInitiatingEntity.System }, "outage-2");
        var answered503 = await EventuallyAsync(async () => Rp.UnavailableAnswers >= 2 && Transmitter.RetriesAfterErrorStatus >= 1 && await ShowDepthAsync() > 0);
        timeline.Expect("the push endpoint answers 503 with Retry-After and the dispatcher schedules retries, keeping the SETs",
            answered503, $"{Rp.UnavailableAnswers} answers 503, {Transmitter.RetriesAfterErrorStatus} retries scheduled");

        await Rp.StopAsync();
        var unreachableBefore = Transmitter.RetriesUnreachable;
        timeline.Trouble("rp", $"push endpoint stopped: connections to port {Rp.PushEndpoint.Port} are refused");
        await PublishToBothAsync(new CaepSessionRevoked { InitiatingEntity = CaepInitiatingEntity.System }, "outage-3");
        var refused = await EventuallyAsync(async () => Transmitter.RetriesUnreachable >= unreachableBefore + 2 && await ShowDepthAsync() >= 3);
        timeline.Expect("with connections refused, the SETs wait in the outbox and are retried",
            refused, $"{Transmitter.RetriesUnreachable - unreachableBefore} retries while unreachable, outbox depth {_shownDepth}");

        Rp.Unavailable = false;
        await Rp.StartAsync();
        timeline.Step("rp", $"push endpoint back at {Rp.PushEndpoint}");
        var drained = await EventuallyAsync(async () => PushSets.Signals.Count >= _expectedPerStream && await ShowDepthAsync() == 0);
        timeline.Expect("once the endpoint is back, every SET held through the outage is delivered",
            drained, $"{PushSets.Signals.Count(a => a.TransactionId?.StartsWith("outage-", StringComparison.Ordinal) == true)} of 3 outage SETs arrived by push");
    }

    /// <summary>Reads the outbox depth, and puts it on the timeline when it changed.</summary>
    private async Task<long> ShowDepthAsync()
    {
        var pending = (await Transmitter.Outbox.GetStatisticsAsync()).Pending;
        if (pending != _shownDepth)
        {
            _shownDepth = pending;
            timeline.Step("outbox", $"depth {pending} SET(s) pending");
        }

        return pending;
    }
}
