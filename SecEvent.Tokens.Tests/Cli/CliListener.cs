using FluentAssertions;
using SecEvent.Cli;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary>Runs <c>secevent listen</c> until stopped, and learns its address from the "listening on" line.</summary>
internal sealed class CliListener : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _stdout = new();
    private readonly SignallingWriter _stderr = new();
    private Task<int> _run = Task.FromResult(0);

    public Uri Address { get; private set; } = null!;

    public static async Task<CliListener> StartAsync(string[] args)
    {
        var listener = new CliListener();
        listener._run = SecEventCli.RunAsync(args, new StringReader(""), TextWriter.Synchronized(listener._stdout), listener._stderr, new ManualTimeProvider(Some.Now), listener._stop.Token);
        var line = await listener._stderr.FirstLine.WaitAsync(TimeSpan.FromSeconds(30));
        line.Should().StartWith("listening on ");
        listener.Address = new Uri(line["listening on ".Length..].Trim());
        return listener;
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> StopAsync()
    {
        await _stop.CancelAsync();
        var code = await _run.WaitAsync(TimeSpan.FromSeconds(30));
        return (code, _stdout.ToString(), _stderr.Text);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
