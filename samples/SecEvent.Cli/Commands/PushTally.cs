using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;

namespace SecEvent.Cli.Commands;

/// <summary>
/// What <c>secevent push</c> has done so far: counts kept from the dispatcher's settlements, a progress line on stderr
/// at most once a second, and the final <c>{"delivered":N,"rejected":N,"failed":N}</c> line.
/// </summary>
internal sealed class PushTally(TextWriter stderr, long total)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private long _delivered;
    private long _rejected;
    private long _failed;
    private long _retries;
    private long _lastProgress = Environment.TickCount64;
    private string? _lastLine;

    public bool AllDelivered
    {
        get
        {
            lock (_gate)
            {
                return _rejected == 0 && _failed == 0;
            }
        }
    }

    /// <summary>Counts one settlement; the dispatcher calls this from its pushing tasks.</summary>
    public void Add(OutboxSettlement settlement)
    {
        lock (_gate)
        {
            switch (settlement.Kind)
            {
                case OutboxSettlementKind.Delivered:
                    _delivered++;
                    break;
                case OutboxSettlementKind.Retry:
                    _retries++;
                    break;
                case OutboxSettlementKind.DeadLetter when settlement.Attempt?.Outcome == PushOutcome.Rejected:
                    _rejected++;
                    Report(settlement, "rejected");
                    break;
                case OutboxSettlementKind.DeadLetter:
                    _failed++;
                    Report(settlement, "failed");
                    break;
            }

            if (Environment.TickCount64 - _lastProgress >= ProgressInterval.TotalMilliseconds)
            {
                _lastProgress = Environment.TickCount64;
                WriteProgress();
            }
        }
    }

    /// <summary>Writes the last progress line to stderr and the counts as the last stdout line.</summary>
    public void Finish(TextWriter stdout)
    {
        lock (_gate)
        {
            WriteProgress();
            CliOutput.WriteJsonLine(stdout, json =>
            {
                json.WriteStartObject();
                json.WriteNumber("delivered", _delivered);
                json.WriteNumber("rejected", _rejected);
                json.WriteNumber("failed", _failed);
                json.WriteEndObject();
            });
        }
    }

    private void WriteProgress()
    {
        var line = Progress();
        if (line != _lastLine)
        {
            stderr.WriteLine(line);
            _lastLine = line;
        }
    }

    private string Progress() =>
        $"secevent: {_delivered + _rejected + _failed}/{total} done: {_delivered} delivered, {_rejected} rejected, {_failed} failed; {_retries} retries";

    // The jti and the reason only: the SET itself stays in the outbox.
    private void Report(OutboxSettlement settlement, string what) =>
        stderr.WriteLine($"secevent: SET {settlement.Message.Jti ?? "(no jti)"} {what}: {settlement.Reason}");
}
