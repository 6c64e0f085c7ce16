using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using SecEvent.Delivery.Diagnostics;

namespace SecEvent.Delivery.Ssf;

/// <summary>One request and its answer, with the retry around it.</summary>
public sealed partial class SsfStreamClient
{
    private async Task<Answer> SendAsync(SsfStreamOperation operation, HttpMethod method, string? endpoint, string? streamId, byte[]? body, CancellationToken cancellationToken)
    {
        if (endpoint is null)
        {
            throw new SsfStreamException(operation, SsfStreamFailure.NotSupported, $"The transmitter {Metadata.Issuer} publishes no endpoint for {SsfStreamClientInstruments.OperationTag(operation)} (OpenID SSF 1.0 §7.1).");
        }

        var url = new Uri(streamId is null ? endpoint : $"{endpoint}{(endpoint.Contains('?', StringComparison.Ordinal) ? '&' : '?')}stream_id={Uri.EscapeDataString(streamId)}");
        using var activity = StartActivity(operation, url.Host);
        try
        {
            var answer = await _retry.ExecuteAsync(
                static (state, token) => new ValueTask<Answer>(state.Client.SendOnceAsync(state.Operation, state.Method, state.Url, state.Body, token)),
                (Client: this, Operation: operation, Method: method, Url: url, Body: body),
                cancellationToken).ConfigureAwait(false);
            activity?.SetTag("http.response.status_code", answer.Status);
            return answer;
        }
        catch (SsfStreamException e)
        {
            Log.SsfStreamRequestFailed(_logger, operation, url.Host, e.Failure, e.Message);
            activity?.SetStatus(ActivityStatusCode.Error, e.Failure.ToString());
            throw;
        }
    }

    private async Task<Answer> SendOnceAsync(SsfStreamOperation operation, HttpMethod method, Uri url, byte[]? body, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        int? status = null;
        var outcome = SsfStreamClientInstruments.Outcomes.Unavailable;
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Accept.ParseAdd(SsfStreamJson.MediaType);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(SsfStreamJson.MediaType);
            }

            if (await AuthorizationAsync(operation, linked.Token).ConfigureAwait(false) is { } authorization)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (response.RequestMessage?.RequestUri is { } answered && answered != url)
            {
                outcome = SsfStreamClientInstruments.Outcomes.InvalidResponse;
                throw new SsfStreamException(operation, SsfStreamFailure.InvalidResponse, $"{url.Host} redirected the request; redirects are not followed.", status);
            }

            if (!IsSuccess(operation, status.Value, url.Host))
            {
                outcome = SsfStreamClientInstruments.Outcomes.HttpError;
                var error = await BoundedContent.ReadAsync(response.Content, MaxErrorBody, linked.Token).ConfigureAwait(false);
                throw new SsfStreamException(operation, SsfStreamFailure.HttpStatus, $"{url.Host} answered {status.Value.ToString(CultureInfo.InvariantCulture)}: {SsfStatusCodes.Describe(operation, status.Value)}", status)
                {
                    RetryAfter = RetryAfterHeader.Wait(response.Headers.RetryAfter, _timeProvider),
                    ResponseBody = error is { Length: > 0 } ? Encoding.UTF8.GetString(error) : null,
                };
            }

            var content = await BoundedContent.ReadAsync(response.Content, _options.MaximumResponseSize, linked.Token).ConfigureAwait(false);
            if (content is null)
            {
                outcome = SsfStreamClientInstruments.Outcomes.InvalidResponse;
                throw new SsfStreamException(operation, SsfStreamFailure.InvalidResponse, $"{url.Host} answered with a body larger than {_options.MaximumResponseSize.ToString(CultureInfo.InvariantCulture)} bytes.", status);
            }

            outcome = SsfStreamClientInstruments.Outcomes.Success;
            Log.SsfStreamRequestSucceeded(_logger, operation, url.Host, status.Value);
            return new Answer(status.Value, content, response.Content.Headers.ContentType?.MediaType, url.Host);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The caller did not cancel: the timeout, ours or the HttpClient's, ran out.
            throw new SsfStreamException(operation, SsfStreamFailure.Unavailable, $"{url.Host} did not answer in time.", status, e);
        }
        catch (HttpRequestException e)
        {
            throw new SsfStreamException(operation, SsfStreamFailure.Unavailable, $"{url.Host} could not be reached.", status, e);
        }
        finally
        {
            SsfStreamClientInstruments.RecordRequest(url.Host, operation, outcome, status, _timeProvider.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// The <c>Authorization</c> value for one attempt. A bearer token is refused before it is sent when the transmitter's
    /// <c>authorization_schemes</c> list neither OAuth 2.0 nor bearer tokens (§7.1.1): it would only be rejected, after
    /// being disclosed to a party that said it does not take it.
    /// </summary>
    private async ValueTask<string?> AuthorizationAsync(SsfStreamOperation operation, CancellationToken cancellationToken)
    {
        string? value;
        if (_options.GetAuthorization is { } provider)
        {
            try
            {
                value = await provider(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new SsfStreamException(operation, SsfStreamFailure.Unavailable, "Getting the Authorization value failed.", innerException: e);
            }
        }
        else
        {
            value = _options.AuthorizationHeader;
        }

        if (value is not null && !_acceptsBearer && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new SsfStreamException(operation, SsfStreamFailure.NotSupported, $"The transmitter {Metadata.Issuer} accepts neither OAuth 2.0 nor bearer tokens (authorization_schemes, OpenID SSF 1.0 §7.1.1).");
        }

        return value;
    }

    /// <summary>
    /// The spec's success codes, and three it does not name but which leave no doubt: 200 for create (the body is still
    /// checked as a new stream), and 200 for delete, remove subject and verify, which return nothing. Treating those as
    /// failures would make a receiver create a second stream or give up on a deletion that happened.
    /// </summary>
    private bool IsSuccess(SsfStreamOperation operation, int status, string host)
    {
        if (SsfStatusCodes.IsSuccess(operation, status))
        {
            return true;
        }

        if (status == 200 && operation is SsfStreamOperation.Create or SsfStreamOperation.Delete or SsfStreamOperation.RemoveSubject or SsfStreamOperation.Verify)
        {
            Log.SsfStreamUnusualSuccess(_logger, operation, host, status);
            return true;
        }

        return false;
    }

    /// <summary>A successful answer: its status, body (possibly empty), media type and the host that gave it.</summary>
    private readonly record struct Answer(int Status, byte[] Body, string? MediaType, string Host);
}
