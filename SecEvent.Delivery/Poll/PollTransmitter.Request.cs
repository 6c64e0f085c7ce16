using System.Buffers;
using System.Net.Http.Headers;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Poll;

public sealed partial class PollTransmitter
{
    /// <summary>The checks made before the body is read; a refusal, or <see langword="null"/> to go on.</summary>
    private async ValueTask<PollEndpointResponse?> CheckRequestAsync(PollEndpointRequest request, string stream, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            Log.PollMethodNotAllowed(_logger);
            return Empty(405, PollTransmitterInstruments.Outcomes.MethodNotAllowed, ("Allow", "POST"));
        }

        if (!IsJson(request.ContentType))
        {
            Log.PollUnsupportedMediaType(_logger);
            return Empty(415, PollTransmitterInstruments.Outcomes.UnsupportedMediaType, ("Accept", PollJson.MediaType));
        }

        if (request.ContentLength > _maximumRequestSize)
        {
            Log.PollRequestTooLarge(_logger, _maximumRequestSize);
            return Empty(413, PollTransmitterInstruments.Outcomes.TooLarge);
        }

        if (_authorize is null)
        {
            return null;
        }

        var verdict = await _authorize(request, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The AuthorizeReceiver hook returned null.");
        if (verdict.Succeeded)
        {
            return null;
        }

        Log.PollRefused(_logger, stream, verdict.ErrorCode!, verdict.Description);
        var error = new SecurityEventError(verdict.ErrorCode!, verdict.Description!);
        return verdict.ErrorCode == SecurityEventErrorCodes.AuthenticationFailed
            ? Error(401, error, PollTransmitterInstruments.Outcomes.AuthenticationFailed, ("WWW-Authenticate", _challenge))
            : Error(403, error, PollTransmitterInstruments.Outcomes.AccessDenied);
    }

    /// <summary>
    /// RFC 8936 §2: <c>application/json</c>. Media types are case-insensitive (RFC 9110 §8.3.1); a <c>charset</c>
    /// parameter may name UTF-8 only, the one encoding of JSON between systems (RFC 8259 §8.1).
    /// </summary>
    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType, PollJson.MediaType, StringComparison.OrdinalIgnoreCase)
        && (parsed.CharSet is null || string.Equals(parsed.CharSet.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads at most the size limit; <see langword="null"/> when the body is larger.</summary>
    private async ValueTask<byte[]?> ReadBodyAsync(System.IO.Stream body, long? declaredLength, CancellationToken cancellationToken)
    {
        var limit = _maximumRequestSize;
        var initial = (int)Math.Min(declaredLength is > 0 ? declaredLength.Value + 1 : 4096, (long)limit + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit + 1) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
