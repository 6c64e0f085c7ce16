using System.Security.Cryptography;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Tokens.Events;

namespace SecEvent.Delivery.Ssf;

/// <summary>Create, read, update, replace and delete (OpenID SSF 1.0 §8.1.1).</summary>
public sealed partial class SsfTransmitter
{
    /// <summary>§8.1.1.1: 201 with the new configuration; 409 when the receiver may have one stream and has it.</summary>
    private async Task<SsfManagementResponse> CreateStreamAsync(SsfReceiver receiver, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var request = Parse<SsfStreamRequest>(body, static (json, out value, out error) => SsfStreamRequest.TryParse(json, SsfStreamOperation.Create, out value, out error));
        if (request.StreamId is not null)
        {
            throw SsfRequestRefusedException.BadRequest("stream_id is assigned by the transmitter; a create request carries none.");
        }

        var streamId = NewStreamId();
        var configuration = await ConfigureAsync(receiver, streamId, request, current: null, cancellationToken).ConfigureAwait(false);
        CheckTransmitterMembers(request, configuration);
        var now = _timeProvider.GetUtcNow();
        var stream = new SsfStream
        {
            Configuration = configuration,
            ReceiverId = receiver.Id,
            Status = SsfStreamStatuses.Enabled,
            CreatedAt = now,
            LastActivityAt = now,
        };
        if (!await _store.CreateAsync(stream, onlyStreamOfReceiver: !_options.AllowMultipleStreamsPerReceiver, cancellationToken).ConfigureAwait(false))
        {
            throw new SsfRequestRefusedException(409, "conflict", "The transmitter allows one stream per receiver, and this receiver has one.");
        }

        Log.SsfTransmitterStreamCreated(_logger, streamId, receiver.Id, configuration.Delivery.Method);
        return Json(201, configuration.ToUtf8Json());
    }

    /// <summary>§8.1.1.2: one stream, or an array of all of the receiver's streams (empty when none).</summary>
    private async Task<SsfManagementResponse> ReadStreamsAsync(SsfReceiver receiver, string? streamId, CancellationToken cancellationToken)
    {
        if (streamId is null)
        {
            var streams = await _store.ListAsync(receiver.Id, cancellationToken).ConfigureAwait(false);
            return Json(200, SsfStreamConfiguration.ToUtf8Json([.. streams.Select(s => s.Configuration)]));
        }

        var stream = await TouchAsync(await OwnStreamAsync(receiver, streamId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return Json(200, stream.Configuration.ToUtf8Json());
    }

    /// <summary>
    /// §8.1.1.3 (PATCH): the receiver-supplied members present replace, the absent ones stay. §8.1.1.4 (PUT): the absent
    /// ones are deleted. Either way, transmitter-supplied members may be sent but must equal the values before the change.
    /// </summary>
    private async Task<SsfManagementResponse> ChangeStreamAsync(SsfReceiver receiver, ReadOnlyMemory<byte> body, bool replace, CancellationToken cancellationToken)
    {
        var operation = replace ? SsfStreamOperation.Replace : SsfStreamOperation.Update;
        var request = Parse<SsfStreamRequest>(body, (json, out value, out error) => SsfStreamRequest.TryParse(json, operation, out value, out error));
        var stream = await OwnStreamAsync(receiver, request.StreamId, cancellationToken).ConfigureAwait(false);
        CheckTransmitterMembers(request, stream.Configuration);
        var merged = replace ? request : new SsfStreamRequest
        {
            StreamId = request.StreamId,
            Delivery = request.Delivery ?? stream.Configuration.Delivery,
            EventsRequested = request.EventsRequested ?? stream.Configuration.EventsRequested,
            Description = request.Description ?? stream.Configuration.Description,
        };
        var configuration = await ConfigureAsync(receiver, stream.StreamId, merged, stream.Configuration, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        await ChangeStoredAsync(stream, s => s with { Configuration = configuration, LastActivityAt = now }, cancellationToken).ConfigureAwait(false);
        Log.SsfTransmitterStreamChanged(_logger, stream.StreamId, receiver.Id, replace ? "replaced" : "updated");
        return Json(200, configuration.ToUtf8Json());
    }

    /// <summary>§8.1.1.5: 204; the stream's subjects and held SETs go with it.</summary>
    private async Task<SsfManagementResponse> DeleteStreamAsync(SsfReceiver receiver, string? streamId, CancellationToken cancellationToken)
    {
        var stream = await OwnStreamAsync(receiver, streamId, cancellationToken).ConfigureAwait(false);
        if (!await _store.DeleteAsync(stream.StreamId, cancellationToken).ConfigureAwait(false))
        {
            throw SsfRequestRefusedException.NotFound();
        }

        Log.SsfTransmitterStreamDeleted(_logger, stream.StreamId, receiver.Id);
        return Empty(204);
    }

    /// <summary>A stream id of 128 random bits in hex: unguessable, and only RFC 3986 unreserved characters (§8.1.1).</summary>
    private static string NewStreamId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
