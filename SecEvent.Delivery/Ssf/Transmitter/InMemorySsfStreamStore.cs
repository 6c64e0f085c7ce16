using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// An <see cref="ISsfStreamStore"/> in memory, for tests and for a single transmitter process whose streams may be lost
/// on restart. Thread-safe.
/// </summary>
/// <remarks>
/// A stream's configuration is kept as its JSON and read back on every call, so neither the caller who stored it nor one
/// who read it can change what is stored by changing the object it holds (<see cref="SsfStreamConfiguration"/> and
/// <see cref="SsfDelivery"/> carry mutable members). Every other stored value is immutable.
/// </remarks>
public sealed class InMemorySsfStreamStore : ISsfStreamStore
{
    private readonly Lock _gate = new();
    private readonly OrderedDictionary<string, Entry> _streams = new(StringComparer.Ordinal);

    // One counter for every stream, as the SQLite store numbers held SETs: increasing within each stream.
    private long _lastSequence;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The stream is not one a store can keep; the message says why.</exception>
    public ValueTask<bool> CreateAsync(SsfStream stream, bool onlyStreamOfReceiver, CancellationToken cancellationToken = default)
    {
        var json = SsfStreamStoreArguments.CheckStream(stream);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_streams.ContainsKey(stream.StreamId)
                || (onlyStreamOfReceiver && _streams.Values.Any(e => string.Equals(e.Stream.ReceiverId, stream.ReceiverId, StringComparison.Ordinal))))
            {
                return ValueTask.FromResult(false);
            }

            _streams.Add(stream.StreamId, new Entry(stream, json));
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<SsfStream?> GetAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_streams.TryGetValue(streamId, out var entry) ? entry.Read() : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SsfStream>> ListAsync(string? receiverId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<SsfStream> streams = _streams.Values
                .Where(e => receiverId is null || string.Equals(e.Stream.ReceiverId, receiverId, StringComparison.Ordinal))
                .Select(e => e.Read())
                .ToArray();
            return ValueTask.FromResult(streams);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The stream is not one a store can keep; the message says why.</exception>
    public ValueTask<bool> UpdateAsync(SsfStream stream, CancellationToken cancellationToken = default)
    {
        var json = SsfStreamStoreArguments.CheckStream(stream);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream.StreamId, out var entry)
                || !string.Equals(entry.Stream.ReceiverId, stream.ReceiverId, StringComparison.Ordinal))
            {
                return ValueTask.FromResult(false);
            }

            entry.Stream = stream;
            entry.ConfigurationJson = json;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_streams.Remove(streamId));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> AddSubjectAsync(string streamId, SsfStreamSubject subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(subject.Subject, nameof(subject));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_streams.TryGetValue(streamId, out var entry))
            {
                return ValueTask.FromResult(false);
            }

            // Setting an existing key keeps its position: the order is that of first addition.
            entry.Subjects[subject.Subject] = subject;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveSubjectAsync(string streamId, SubjectIdentifier subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(subject);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_streams.TryGetValue(streamId, out var entry) && entry.Subjects.Remove(subject));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SsfStreamSubject>> ListSubjectsAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<SsfStreamSubject> subjects = _streams.TryGetValue(streamId, out var entry) ? [.. entry.Subjects.Values] : [];
            return ValueTask.FromResult(subjects);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="events"/> holds a null event, or one without a SET or <c>jti</c>.</exception>
    public ValueTask<bool> HoldAsync(string streamId, IReadOnlyList<SsfHeldEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        SsfStreamStoreArguments.CheckHeld(events);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_streams.TryGetValue(streamId, out var entry))
            {
                return ValueTask.FromResult(false);
            }

            foreach (var held in events)
            {
                entry.Held.Add(held with { Sequence = ++_lastSequence });
            }

            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is negative.</exception>
    public ValueTask<IReadOnlyList<SsfHeldEvent>> ListHeldAsync(string streamId, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<SsfHeldEvent> held = _streams.TryGetValue(streamId, out var entry) ? [.. entry.Held.Take(maxCount)] : [];
            return ValueTask.FromResult(held);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteHeldAsync(string streamId, long throughSequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_streams.TryGetValue(streamId, out var entry) ? entry.Held.RemoveAll(e => e.Sequence <= throughSequence) : 0);
        }
    }

    private sealed class Entry(SsfStream stream, byte[] configurationJson)
    {
        public SsfStream Stream { get; set; } = stream;

        public byte[] ConfigurationJson { get; set; } = configurationJson;

        public OrderedDictionary<SubjectIdentifier, SsfStreamSubject> Subjects { get; } = [];

        public List<SsfHeldEvent> Held { get; } = [];

        // Parsed afresh each time: the caller gets a configuration no one else holds. The JSON was read back once
        // already when stored, so a failure here is a bug.
        public SsfStream Read() => SsfStreamConfiguration.TryParse(ConfigurationJson, out var configuration, out var error)
            ? Stream with { Configuration = configuration }
            : throw new InvalidOperationException(error);
    }
}
