using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SecEvent.Delivery.Tests.Support;

/// <summary>An <see cref="ILoggerFactory"/> that keeps every formatted message with its event id and state.</summary>
internal sealed class LogCollector : ILoggerFactory, ILogger
{
    public ConcurrentQueue<(EventId Id, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> State)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) { }

    public void Dispose() { }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((eventId, logLevel, formatter(state, exception) + exception, state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
}
