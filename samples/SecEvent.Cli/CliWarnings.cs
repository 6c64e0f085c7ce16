using Microsoft.Extensions.Logging;

namespace SecEvent.Cli;

/// <summary>
/// The library's warnings as <c>secevent: warning: …</c> lines on stderr: a retry, a SET reported as invalid, an
/// acknowledgement that did not arrive. Its log messages carry <c>jti</c>, <c>iss</c> and hosts, never a SET or a
/// credential, so they are safe on a terminal. Errors are left out: the command reports the failure that ends it itself.
/// </summary>
internal sealed class CliWarnings(TextWriter stderr) : ILoggerFactory, ILogger
{
    private readonly TextWriter _stderr = TextWriter.Synchronized(stderr);

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            // The message alone: an exception's stack trace is for a debugger, not for the person at the terminal.
            CliOutput.WriteDiagnostic(_stderr, $"warning: {formatter(state, exception)}");
        }
    }

    public void Dispose()
    {
    }
}
