using SecEvent.Tokens.Events;
using SecEvent.Tokens.Events.Caep;

namespace SecEvent.Demo;

/// <summary>
/// The transmitter pauses the push stream (OpenID SSF 1.0 §8.1.2), announcing it with a stream-updated event; what is
/// published meanwhile is held, and released in order when the stream is enabled again.
/// </summary>
internal sealed partial class DemoScenario
{
    private static readonly string[] HeldLabels = ["held-1", "held-2", "held-3"];

    private async Task PauseAsync()
    {
        timeline.Phase("Pause: the transmitter pauses the push stream, holds what comes, and releases it in order");
        timeline.Step("transmitter", $"pausing push stream {Short(_pushStream)}, announced first by a stream-updated event");
        await Transmitter.Transmitter.SetStatusAsync(_pushStream, SsfStreamStatuses.Paused, "maintenance");
        var announced = await EventuallyAsync(() => _pushSink!.GetLastKnownStatus(_pushStream)?.Status == SsfStreamStatuses.Paused);
        timeline.Expect("the pause is announced to the relying party by a stream-updated event", announced,
            $"last known status: {_pushSink!.GetLastKnownStatus(_pushStream)?.Status ?? "none"}");

        var held = 0;
        foreach (var label in HeldLabels)
        {
            var result = await Transmitter.PublishAsync(new CaepSessionRevoked { InitiatingEntity = CaepInitiatingEntity.Admin }, Jane, label);
            held += result.Held;
            _expectedPerStream++;
            timeline.Step("transmitter", $"published session-revoked {label}: queued on {result.Queued} stream(s), held on {result.Held}");
        }

        // The poll stream is not paused: once its copies are in, the push stream has had every chance to (wrongly) deliver.
        var polled = await EventuallyAsync(() => PollSets.Signals.Count >= _expectedPerStream);
        var leaked = HeldSeenByPush().Count;
        timeline.Expect("while the push stream is paused its events are held, not delivered (the poll stream still gets them)",
            held == HeldLabels.Length && polled && leaked == 0, $"{held} held, {leaked} delivered by push while paused");

        timeline.Step("transmitter", $"enabling push stream {Short(_pushStream)}: a stream-updated event, then the held SETs in order");
        await Transmitter.Transmitter.SetStatusAsync(_pushStream, SsfStreamStatuses.Enabled, "maintenance over");
        var released = await EventuallyAsync(() => HeldSeenByPush().Count >= HeldLabels.Length
            && _pushSink!.GetLastKnownStatus(_pushStream)?.Status == SsfStreamStatuses.Enabled);
        var order = HeldSeenByPush();
        timeline.Expect("on resume, announced by a stream-updated event, the held events arrive in the order they were published",
            released && order.SequenceEqual(HeldLabels), $"arrival order: {string.Join(", ", order)}");
    }

    private List<string> HeldSeenByPush() =>
        [.. PushSets.Signals.Select(a => a.TransactionId).OfType<string>().Where(t => t.StartsWith("held-", StringComparison.Ordinal))];
}
