using System.Diagnostics;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Demo;

/// <summary>
/// The demo's story, from start to finish: a transmitter and a relying party set up Shared Signals streams, a password
/// change flows through them, the push endpoint goes down and comes back, and a paused stream releases what it held.
/// Every wait is on a condition, bounded by <see cref="WaitLimit"/>, so a slow machine is only slower.
/// </summary>
internal sealed partial class DemoScenario(string dataDirectory, Timeline timeline) : IAsyncDisposable
{
    /// <summary>How long any one condition may take before the expectation counts as failed: generous, for a busy machine.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    /// <summary>The user the whole story is about.</summary>
    private static readonly EmailSubjectIdentifier Jane = new() { Email = "jane@example.com" };

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly CancellationTokenSource _stopping = new();
    private TransmitterHost? _transmitter;
    private RelyingPartyHost? _rp;
    private SsfStreamClient? _streams;
    private SsfStreamEventSink? _pushSink;
    private SsfStreamEventSink? _pollSink;
    private Task _polling = Task.CompletedTask;
    private string _pushStream = "";
    private string _pollStream = "";

    /// <summary>How many scenario SETs each stream should have received, each exactly once.</summary>
    private int _expectedPerStream;

    private TransmitterHost Transmitter => _transmitter!;

    private RelyingPartyHost Rp => _rp!;

    private SsfStreamClient Streams => _streams!;

    /// <summary>What the relying party kept from its push stream.</summary>
    private ReceivedSets PushSets { get; } = new("push", timeline);

    /// <summary>What the relying party kept from its poll stream.</summary>
    private ReceivedSets PollSets { get; } = new("poll", timeline);

    public async Task RunAsync()
    {
        await SetUpStreamsAsync();
        await PasswordChangeAsync();
        await OutageAsync();
        await PauseAsync();
        await CheckEverythingArrivedOnceAsync();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking it often; <see langword="false"/> after <see cref="WaitLimit"/>.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > WaitLimit)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    private static Task<bool> EventuallyAsync(Func<bool> condition) => EventuallyAsync(() => Task.FromResult(condition()));

    private async Task CheckEverythingArrivedOnceAsync()
    {
        timeline.Phase("Accounting: every SET exactly once, none lost");

        // A SET reaches the relying party a moment before the transmitter records it as delivered or acknowledged.
        await EventuallyAsync(async () => PushSets.Signals.Count >= _expectedPerStream && PollSets.Signals.Count >= _expectedPerStream
            && (await Transmitter.Outbox.GetStatisticsAsync()).Pending == 0 && (await Transmitter.PollQueue.GetStatisticsAsync()).Pending == 0);
        foreach (var (name, sets) in new[] { ("push", PushSets), ("poll", PollSets) })
        {
            var signals = sets.Signals;
            var distinct = signals.Select(a => a.Jti).Distinct(StringComparer.Ordinal).Count();
            timeline.Expect($"{name} stream: every SET arrived exactly once, none lost",
                signals.Count == _expectedPerStream && distinct == signals.Count,
                $"{signals.Count} received, {distinct} distinct jti, {_expectedPerStream} published");
        }

        var outbox = await Transmitter.Outbox.GetStatisticsAsync();
        var polled = await Transmitter.PollQueue.GetStatisticsAsync();
        timeline.Expect("the push outbox and the poll queue are empty: every SET delivered or acknowledged, nothing dead-lettered",
            outbox is { Pending: 0, DeadLetters: 0 } && polled is { Pending: 0, DeadLetters: 0 },
            $"outbox {outbox.Pending} pending, {outbox.DeadLetters} dead letters; poll queue {polled.Pending} unacknowledged");
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _polling;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }

        if (_rp is not null)
        {
            await _rp.DisposeAsync();
        }

        if (_transmitter is not null)
        {
            await _transmitter.DisposeAsync();
        }

        _http.Dispose();
        _stopping.Dispose();
    }
}
