using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Keys;

public sealed partial class JwksKeySource
{
    /// <summary>Fetches the set once; on any failure keeps the previous keys and only notes the attempt.</summary>
    private async ValueTask<KeySnapshot> FetchAsync(KeySnapshot previous, string? keyId, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (keyId is not null && previous.FetchedAt is not null && !previous.HasKeyId(keyId))
        {
            Log.JwksUnknownKeyId(_logger, keyId, _jwksUri.Host);
        }

        KeySnapshot next;
        var failure = await TryFetchAsync(cancellationToken).ConfigureAwait(false);
        if (failure.Keys is { } keys)
        {
            next = new KeySnapshot(keys, now, now);
            Log.JwksFetched(_logger, _jwksUri.Host, keys.Count);
        }
        else
        {
            next = previous.AttemptedAt(now);
            Log.JwksFetchFailed(_logger, _jwksUri.Host, failure.Reason!, previous.Keys.Count);
        }

        _snapshot = next;
        return next;
    }

    private async ValueTask<(IReadOnlyList<SecurityKey>? Keys, string? Reason)> TryFetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _jwksUri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/jwk-set+json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"HTTP {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > _maximumResponseSize)
            {
                return (null, $"the document is larger than {_maximumResponseSize} bytes");
            }

            var json = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            if (json is null)
            {
                return (null, $"the document is larger than {_maximumResponseSize} bytes");
            }

            // JsonWebKeySet.GetSigningKeys() drops 'oct' keys; every key of the document is kept.
            var set = new JsonWebKeySet(json);
            return ([.. set.Keys], null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or ArgumentException or DecoderFallbackException or IOException)
        {
            // OperationCanceledException here, with the caller's token untouched, is the HttpClient timeout.
            return (null, ex.GetType().Name);
        }
    }

    private async ValueTask<string?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var limit = _maximumResponseSize;
            var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
            try
            {
                var length = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(length, limit + 1 - length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > limit)
                    {
                        return null;
                    }
                }

                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
