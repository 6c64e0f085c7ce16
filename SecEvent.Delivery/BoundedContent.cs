using System.Buffers;

namespace SecEvent.Delivery;

/// <summary>Reads a response body up to a limit, so that a hostile or broken peer cannot make us buffer without end.</summary>
internal static class BoundedContent
{
    /// <summary>
    /// The whole body, or <see langword="null"/> as soon as it is known to exceed <paramref name="limit"/> bytes: from its
    /// declared length before reading, or while reading one that declared none or lied.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(content.Headers.ContentLength + 1 ?? 16 * 1024, (long)limit + 1));
        try
        {
            var length = 0;
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > limit)
                    {
                        return null;
                    }

                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                        buffer = larger;
                    }
                }
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            // Cleared: the body may hold SETs.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
