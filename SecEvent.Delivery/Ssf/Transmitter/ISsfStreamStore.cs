using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// Where a transmitter keeps its streams, their subjects and the SETs held for paused streams. Implementations:
/// <see cref="InMemorySsfStreamStore"/> and <c>SqliteSsfStreamStore</c> (SecEvent.Delivery.Sqlite).
/// </summary>
/// <remarks>
/// Every method is safe to call concurrently. A stream's subjects and held SETs go when the stream is deleted. Subjects
/// are identified by equality (<see cref="SubjectIdentifier"/>'s <see cref="object.Equals(object)"/>, member order of a
/// complex subject not mattering), not by the SSF-32 matching rule, which is the publisher's.
/// </remarks>
public interface ISsfStreamStore
{
    /// <summary>Stores a new stream.</summary>
    /// <param name="stream">The stream; its id must be new.</param>
    /// <param name="onlyStreamOfReceiver">Refuse when the receiver has a stream already (checked and stored atomically, SSF-24's 409).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when <paramref name="onlyStreamOfReceiver"/> and the receiver has a stream, or the id is taken.</returns>
    ValueTask<bool> CreateAsync(SsfStream stream, bool onlyStreamOfReceiver, CancellationToken cancellationToken = default);

    /// <summary>One stream.</summary>
    /// <param name="streamId">The stream's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stream, or <see langword="null"/> when there is none.</returns>
    ValueTask<SsfStream?> GetAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>The streams of one receiver, or of all, in the order they were created.</summary>
    /// <param name="receiverId">The receiver, or <see langword="null"/> for every stream.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The streams.</returns>
    ValueTask<IReadOnlyList<SsfStream>> ListAsync(string? receiverId, CancellationToken cancellationToken = default);

    /// <summary>Replaces a stored stream with <paramref name="stream"/> (same id; the receiver never changes).</summary>
    /// <param name="stream">The stream's new state.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// <see langword="false"/> when there is no such stream, or it belongs to another receiver than
    /// <see cref="SsfStream.ReceiverId"/> names (nothing is changed: a receiver never sees another's stream, SSF-22).
    /// </returns>
    ValueTask<bool> UpdateAsync(SsfStream stream, CancellationToken cancellationToken = default);

    /// <summary>Deletes a stream, its subjects and its held SETs.</summary>
    /// <param name="streamId">The stream's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when there was no such stream.</returns>
    ValueTask<bool> DeleteAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Adds a subject to a stream; adding an equal subject again replaces it (its <c>verified</c> flag and time).</summary>
    /// <param name="streamId">The stream's id.</param>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when there is no such stream.</returns>
    ValueTask<bool> AddSubjectAsync(string streamId, SsfStreamSubject subject, CancellationToken cancellationToken = default);

    /// <summary>Removes the subject equal to <paramref name="subject"/> from a stream.</summary>
    /// <param name="streamId">The stream's id.</param>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when there is no such stream or the stream has no such subject.</returns>
    ValueTask<bool> RemoveSubjectAsync(string streamId, SubjectIdentifier subject, CancellationToken cancellationToken = default);

    /// <summary>A stream's subjects, in the order they were first added.</summary>
    /// <param name="streamId">The stream's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The subjects; empty when there is no such stream.</returns>
    ValueTask<IReadOnlyList<SsfStreamSubject>> ListSubjectsAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Appends SETs to a paused stream's held SETs, in order; the store assigns their <see cref="SsfHeldEvent.Sequence"/>.</summary>
    /// <param name="streamId">The stream's id.</param>
    /// <param name="events">The SETs, in the order they were generated; <see cref="SsfHeldEvent.Sequence"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when there is no such stream (nothing is held).</returns>
    ValueTask<bool> HoldAsync(string streamId, IReadOnlyList<SsfHeldEvent> events, CancellationToken cancellationToken = default);

    /// <summary>The oldest held SETs of a stream, in the order they were held.</summary>
    /// <param name="streamId">The stream's id.</param>
    /// <param name="maxCount">The most to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The SETs; empty when none are held.</returns>
    ValueTask<IReadOnlyList<SsfHeldEvent>> ListHeldAsync(string streamId, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Forgets the held SETs of a stream up to and including <paramref name="throughSequence"/>, once they are released.</summary>
    /// <param name="streamId">The stream's id.</param>
    /// <param name="throughSequence">The last <see cref="SsfHeldEvent.Sequence"/> to forget.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were forgotten.</returns>
    ValueTask<int> DeleteHeldAsync(string streamId, long throughSequence, CancellationToken cancellationToken = default);
}
