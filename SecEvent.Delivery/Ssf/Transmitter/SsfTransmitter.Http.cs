using System.Buffers;
using System.Globalization;
using System.Text.Json;
using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Ssf;

/// <summary>The framework-agnostic entry point of the management endpoints: routing, authorization, limits, errors.</summary>
public sealed partial class SsfTransmitter
{
    private static readonly KeyValuePair<string, string>[] NoStore = [new("Cache-Control", "no-store")];

    /// <summary>
    /// Answers one request to a stream management endpoint (OpenID SSF 1.0 §8.1): 405 for a method the endpoint does
    /// not have, 401/403 from the authorization hook, 413 for a body over <see cref="SsfTransmitterOptions.MaxRequestSize"/>,
    /// 415 for a body that says it is not JSON, then the operation's own answers.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response to write back.</returns>
    public async Task<SsfManagementResponse> HandleAsync(SsfManagementRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = Route(request.Endpoint, request.Method);
        if (operation is not { } op)
        {
            return new SsfManagementResponse(405, default, [new("Allow", Allowed(request.Endpoint))]);
        }

        try
        {
            var verdict = await _options.Authorize(new SsfAuthorizationContext(request.Authorization, op), cancellationToken).ConfigureAwait(false);
            if (verdict.Receiver is not { } receiver)
            {
                Log.SsfTransmitterUnauthorized(_logger, op, verdict.StatusCode);
                return verdict.StatusCode == 401
                    ? new SsfManagementResponse(401, default, [new("WWW-Authenticate", verdict.Challenge ?? "Bearer")])
                    : new SsfManagementResponse(403, default);
            }

            CheckBody(request);
            return op switch
            {
                SsfStreamOperation.Create => await CreateStreamAsync(receiver, request.Body, cancellationToken).ConfigureAwait(false),
                SsfStreamOperation.Read => await ReadStreamsAsync(receiver, request.StreamId, cancellationToken).ConfigureAwait(false),
                SsfStreamOperation.Update => await ChangeStreamAsync(receiver, request.Body, replace: false, cancellationToken).ConfigureAwait(false),
                SsfStreamOperation.Replace => await ChangeStreamAsync(receiver, request.Body, replace: true, cancellationToken).ConfigureAwait(false),
                SsfStreamOperation.Delete => await DeleteStreamAsync(receiver, request.StreamId, cancellationToken).ConfigureAwait(false),
                SsfStreamOperation.ReadStatus => await ReadStatusAsync(receiver, request.StreamId, cancellationToken).ConfigureAwait(false),
                SsfStreamOperation.UpdateStatus => await UpdateStatusAsync(receiver, request.Body, cancellationToken).ConfigureAwait(false),
                SsfStreamOperation.AddSubject => await AddSubjectAsync(receiver, request.Body, cancellationToken).ConfigureAwait(false),
                SsfStreamOperation.RemoveSubject => await RemoveSubjectAsync(receiver, request.Body, cancellationToken).ConfigureAwait(false),
                _ => await VerifyAsync(receiver, request.Body, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (SsfRequestRefusedException e)
        {
            Log.SsfTransmitterRefused(_logger, op, e.StatusCode, e.Message);
            return new SsfManagementResponse(e.StatusCode, ErrorBody(e.Error, e.Message), [.. NoStore, .. e.Headers ?? []]);
        }
    }

    private static SsfStreamOperation? Route(SsfManagementEndpoint endpoint, string method) => (endpoint, method.ToUpperInvariant()) switch
    {
        (SsfManagementEndpoint.Configuration, "POST") => SsfStreamOperation.Create,
        (SsfManagementEndpoint.Configuration, "GET") => SsfStreamOperation.Read,
        (SsfManagementEndpoint.Configuration, "PATCH") => SsfStreamOperation.Update,
        (SsfManagementEndpoint.Configuration, "PUT") => SsfStreamOperation.Replace,
        (SsfManagementEndpoint.Configuration, "DELETE") => SsfStreamOperation.Delete,
        (SsfManagementEndpoint.Status, "GET") => SsfStreamOperation.ReadStatus,
        (SsfManagementEndpoint.Status, "POST") => SsfStreamOperation.UpdateStatus,
        (SsfManagementEndpoint.AddSubject, "POST") => SsfStreamOperation.AddSubject,
        (SsfManagementEndpoint.RemoveSubject, "POST") => SsfStreamOperation.RemoveSubject,
        (SsfManagementEndpoint.Verification, "POST") => SsfStreamOperation.Verify,
        _ => null,
    };

    private static string Allowed(SsfManagementEndpoint endpoint) => endpoint switch
    {
        SsfManagementEndpoint.Configuration => "GET, POST, PATCH, PUT, DELETE",
        SsfManagementEndpoint.Status => "GET, POST",
        _ => "POST",
    };

    private void CheckBody(SsfManagementRequest request)
    {
        if (request.Body.Length > _options.MaxRequestSize)
        {
            throw new SsfRequestRefusedException(413, "invalid_request", $"The body is larger than {_options.MaxRequestSize.ToString(CultureInfo.InvariantCulture)} bytes.");
        }

        // A body without Content-Type is read as JSON: the spec's own examples leave it out (§8.1.2.2, figure 37).
        if (!request.Body.IsEmpty && request.ContentType is { } contentType
            && !string.Equals(contentType.Split(';', 2)[0].Trim(), SsfStreamJson.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new SsfRequestRefusedException(415, "invalid_request", "The body must be application/json.");
        }
    }

    /// <summary>The stream <paramref name="streamId"/> if it exists and belongs to <paramref name="receiver"/>: 400 without an id, 404 without the stream, 403 for another receiver's.</summary>
    private async Task<SsfStream> OwnStreamAsync(SsfReceiver receiver, string? streamId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(streamId))
        {
            throw SsfRequestRefusedException.BadRequest("stream_id is required.");
        }

        var stream = await _store.GetAsync(streamId, cancellationToken).ConfigureAwait(false) ?? throw SsfRequestRefusedException.NotFound();
        if (!string.Equals(stream.ReceiverId, receiver.Id, StringComparison.Ordinal))
        {
            Log.SsfTransmitterOtherReceiversStream(_logger, receiver.Id, stream.StreamId);
            throw SsfRequestRefusedException.Forbidden();
        }

        return stream;
    }

    /// <summary>Records eligible activity on a stream (§8.1.1, <c>inactivity_timeout</c>) and returns the stream as stored.</summary>
    private Task<SsfStream> TouchAsync(SsfStream stream, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        return ChangeStoredAsync(stream, s => s with { LastActivityAt = now }, cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stream as stored now, under the status gate: a change made from an older
    /// copy would otherwise undo a status change made in between (a pause, a resume).
    /// </summary>
    private async Task<SsfStream> ChangeStoredAsync(SsfStream stream, Func<SsfStream, SsfStream> change, CancellationToken cancellationToken)
    {
        await _statusGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await _store.GetAsync(stream.StreamId, cancellationToken).ConfigureAwait(false) ?? throw SsfRequestRefusedException.NotFound();
            var changed = change(current);
            if (!await _store.UpdateAsync(changed, cancellationToken).ConfigureAwait(false))
            {
                throw SsfRequestRefusedException.NotFound();
            }

            return changed;
        }
        finally
        {
            _statusGate.Release();
        }
    }

    private static T Parse<T>(ReadOnlyMemory<byte> body, StrictParse<T> parse)
        where T : class =>
        parse(body.Span, out var value, out var error) ? value! : throw SsfRequestRefusedException.BadRequest(error ?? "The body is malformed.");

    private static SsfManagementResponse Json(int status, byte[] body) => new(status, body, NoStore);

    private static SsfManagementResponse Empty(int status) => new(status, default, NoStore);

    private static byte[] ErrorBody(string error, string description)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("error", error);
            writer.WriteString("error_description", description);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private delegate bool StrictParse<T>(ReadOnlySpan<byte> utf8Json, out T? value, out string? error);
}
