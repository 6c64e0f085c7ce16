namespace SecEvent.Tokens.Tests.Cli;

/// <summary>A stderr that records everything and completes a task with the first line written.</summary>
internal sealed class SignallingWriter : StringWriter
{
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string> FirstLine => _firstLine.Task;

    public string Text
    {
        get
        {
            lock (this)
            {
                return ToString();
            }
        }
    }

    public override void WriteLine(string? value)
    {
        lock (this)
        {
            base.WriteLine(value);
        }

        _firstLine.TrySetResult(value ?? "");
    }
}
