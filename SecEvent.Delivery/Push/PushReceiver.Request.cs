using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Push;

public sealed partial class PushReceiver
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// RFC 8935 §2.1: <c>application/secevent+jwt</c>. Media types are case-insensitive (RFC 9110 §8.3.1) and
    /// parameters such as <c>charset</c> are tolerated.
    /// </summary>
    private static bool IsSecurityEventJwt(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType, SecurityEventMediaTypes.SecurityEventJwt, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads at most <see cref="_maximumRequestSize"/> bytes; one more means the body is too large.</summary>
    private async ValueTask<RequestBody> ReadBodyAsync(Stream body, long? declaredLength, CancellationToken cancellationToken)
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
                    if (length > limit)
                    {
                        return RequestBody.Oversized;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit + 1) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return RequestBody.Oversized;
                }
            }

            // A compact JWS holds no white space: a trailing newline some clients add is dropped, not refused.
            var text = buffer.AsSpan(0, length).Trim(" \t\r\n"u8);
            try
            {
                return new RequestBody(StrictUtf8.GetString(text), TooLarge: false);
            }
            catch (DecoderFallbackException)
            {
                return new RequestBody(null, TooLarge: false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>The body as text, <see langword="null"/> when it is not UTF-8, or the fact that it was too large.</summary>
    private readonly record struct RequestBody(string? Token, bool TooLarge)
    {
        public static RequestBody Oversized => new(null, TooLarge: true);
    }
}
