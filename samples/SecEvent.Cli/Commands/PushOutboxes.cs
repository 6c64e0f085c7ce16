using SecEvent.Delivery.Outbox;

namespace SecEvent.Cli.Commands;

/// <summary>The outbox <c>secevent push</c> works from: a SQLite file that survives crashes, or memory.</summary>
internal sealed class PushOutboxes : IAsyncDisposable
{
    private PushOutboxes(ISecurityEventOutbox store, string? path)
    {
        Store = store;
        Path = path;
    }

    public ISecurityEventOutbox Store { get; }

    /// <summary>The file, or <see langword="null"/> in memory.</summary>
    public string? Path { get; }

    public static Task<PushOutboxes> OpenAsync(string? path, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        if (path is not null)
        {
            throw new CliUsageException("--outbox is not available in this build.");
        }

        return Task.FromResult(new PushOutboxes(new InMemorySecurityEventOutbox(TimeProvider.System), null));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
