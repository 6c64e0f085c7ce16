using System.Net;
using System.Net.Http.Headers;
using Polly;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Push;

/// <summary>One HTTP attempt: the pipeline's callback.</summary>
public sealed partial class PushClient
{
    private static readonly MediaTypeHeaderValue SecurityEventJwt = new(SecurityEventMediaTypes.SecurityEventJwt);
    private static readonly MediaTypeWithQualityHeaderValue Json = new(SecurityEventMediaTypes.Json);

    /// <summary>
    /// Sends the SET once (RFC 8935 §2.1). A 400's body is read here, bounded, because Polly disposes a response it
    /// passes over and the attempt timeout must cover the read.
    /// </summary>
    private static async ValueTask<HttpResponseMessage> SendOnceAsync(ResilienceContext context, PushContext push)
    {
        push.Attempts++;
        var host = push.Endpoint.Uri.Host;
        if (push.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
        {
            Log.PushAttempt(push.Logger, push.Jti, host, push.Attempts);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, push.Endpoint.Uri);
        request.Content = new ByteArrayContent(push.Body);
        request.Content.Headers.ContentType = SecurityEventJwt;
        request.Headers.Accept.Add(Json);
        if (push.AcceptLanguage is { } languages)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", languages);
        }
        if (push.Endpoint.AuthorizationHeader is { } authorization)
        {
            // Verbatim, as configured (SSF authorization_header): no parsing, no re-formatting.
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        HttpResponseMessage response;
        try
        {
            response = await push.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PushClientInstruments.RecordAttempt(host, ex.GetType().Name);
            throw;
        }

        PushClientInstruments.RecordAttempt(host, null, response.StatusCode);
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return response;
        }

        try
        {
            await BufferErrorAsync(response, push.MaxErrorBodyBytes, context.CancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Replaces a 400's network body with at most <paramref name="maxBytes"/> bytes read from it and the error parsed from them.</summary>
    private static async Task BufferErrorAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var buffer = Array.Empty<byte>();
        var length = 0;
        var error = PushErrorBody.None;
        if (original.Headers.ContentLength is not { } declared || declared <= maxBytes)
        {
            buffer = new byte[maxBytes + 1];
            var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }
            }

            if (length <= maxBytes)
            {
                error = PushErrorBody.Parse(buffer.AsSpan(0, length));
            }
            else
            {
                length = 0;
            }
        }

        var buffered = new BufferedErrorContent(buffer, length, error);
        foreach (var header in original.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        response.Content = buffered;
        original.Dispose();
    }
}
