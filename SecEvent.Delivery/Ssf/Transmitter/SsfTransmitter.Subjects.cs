using System.Globalization;
using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Ssf;

/// <summary>Adding and removing subjects (OpenID SSF 1.0 §8.1.3).</summary>
public sealed partial class SsfTransmitter
{
    /// <summary>
    /// §8.1.3.2: an empty 200. A missing <c>verified</c> counts as true. Under <c>default_subjects</c> <c>ALL</c>, adding
    /// a subject removed before includes it again.
    /// </summary>
    private async Task<SsfManagementResponse> AddSubjectAsync(SsfReceiver receiver, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var request = Parse<SsfAddSubjectRequest>(body, SsfAddSubjectRequest.TryParse);
        var stream = await OwnStreamAsync(receiver, request.StreamId, cancellationToken).ConfigureAwait(false);
        var subjects = await _store.ListSubjectsAsync(stream.StreamId, cancellationToken).ConfigureAwait(false);
        if (subjects.Count >= _options.MaxSubjectsPerStream && !subjects.Any(s => s.Subject.Equals(request.Subject)))
        {
            throw SsfRequestRefusedException.BadRequest($"The stream holds {_options.MaxSubjectsPerStream.ToString(CultureInfo.InvariantCulture)} subjects, the most it may.");
        }

        await _store.AddSubjectAsync(stream.StreamId, new SsfStreamSubject(request.Subject, request.IsVerified, _timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await TouchAsync(stream, cancellationToken).ConfigureAwait(false);
        Log.SsfTransmitterSubjectAdded(_logger, stream.StreamId, request.Subject.Format);
        return Empty(200);
    }

    /// <summary>
    /// §8.1.3.3: 204, also for a subject the stream does not have (SSF-39: a 404 would let a receiver probe for
    /// subjects). Under <c>default_subjects</c> <c>ALL</c>, the subject is recorded as excluded.
    /// </summary>
    private async Task<SsfManagementResponse> RemoveSubjectAsync(SsfReceiver receiver, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var request = Parse<SsfRemoveSubjectRequest>(body, SsfRemoveSubjectRequest.TryParse);
        var stream = await OwnStreamAsync(receiver, request.StreamId, cancellationToken).ConfigureAwait(false);
        if (_options.DefaultSubjects == "ALL")
        {
            await _store.AddSubjectAsync(stream.StreamId, new SsfStreamSubject(request.Subject, Verified: true, _timeProvider.GetUtcNow()) { Excluded = true }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _store.RemoveSubjectAsync(stream.StreamId, request.Subject, cancellationToken).ConfigureAwait(false);
        }

        await TouchAsync(stream, cancellationToken).ConfigureAwait(false);
        Log.SsfTransmitterSubjectRemoved(_logger, stream.StreamId, request.Subject.Format);
        return Empty(204);
    }
}
