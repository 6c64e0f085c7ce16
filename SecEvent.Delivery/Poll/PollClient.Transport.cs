using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Delivery.Push;

namespace SecEvent.Delivery.Poll;

/// <summary>One HTTP exchange with the poll endpoint (RFC 8936 §2.2–§2.5).</summary>
public sealed partial class PollClient
{
    /// <summary>Sends one request and returns the transmitter's well-formed response; records it as a metric.</summary>
    /// <exception cref="PollException">The request failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    private async Task<PollResponse> ExchangeAsync(PollRequest request, string kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.PollRequest(_logger, _host, request.MaxEvents, request.ReturnImmediately == true, request.Acknowledgements?.Count ?? 0, request.SetErrors?.Count ?? 0);
        }

        var started = _timeProvider.GetTimestamp();
        try
        {
            var response = await SendAsync(request, timeout, cancellationToken).ConfigureAwait(false);
            PollClientInstruments.RecordRequest(_host, kind, PollClientInstruments.RequestOutcome(null), 200, _timeProvider.GetElapsedTime(started));
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                Log.PollResponse(_logger, _host, response.Sets.Count, response.MoreAvailable);
            }

            return response;
        }
        catch (PollException ex)
        {
            PollClientInstruments.RecordRequest(_host, kind, PollClientInstruments.RequestOutcome(ex.Failure), ex.StatusCode, _timeProvider.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>The request and the response's body both run within <paramref name="timeout"/>.</summary>
    private async Task<PollResponse> SendAsync(PollRequest body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            using var request = await CreateRequestAsync(body, linked.Token).ConfigureAwait(false);
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            return await ReadAsync(response, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            // The attempt timeout, or HttpClient.Timeout when it is the shorter.
            throw new PollException(PollFailure.Unavailable, $"The poll request to {_host} timed out after {timeout}.", innerException: ex);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.SecureConnectionError && ex.InnerException is AuthenticationException)
        {
            // RFC 8936 §4.3: the client MUST check the certificate. One that does not validate does not start validating by retrying.
            throw new PollException(PollFailure.Protocol, $"The TLS connection to {_host} could not be authenticated: {ex.InnerException.Message}", innerException: ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new PollException(PollFailure.Unavailable, $"The poll request to {_host} failed: {ex.Message}", innerException: ex);
        }
    }

    private async ValueTask<HttpRequestMessage> CreateRequestAsync(PollRequest body, CancellationToken cancellationToken)
    {
        var authorization = _getAuthorization is null ? _endpoint.AuthorizationHeader : await GetAuthorizationAsync(cancellationToken).ConfigureAwait(false);
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Uri)
        {
            Content = new ByteArrayContent(body.ToUtf8Json()),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(PollJson.MediaType);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(PollJson.MediaType));
        if (body.SetErrors is { Count: > 0 })
        {
            // RFC 8936 §2.6 (POLL-11): the descriptions in setErrs are in this language.
            request.Content.Headers.ContentLanguage.Add(_contentLanguage);
        }

        if (authorization is not null)
        {
            // Verbatim, as configured (SSF authorization_header): no parsing, no re-formatting.
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    private async ValueTask<string?> GetAuthorizationAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _getAuthorization!(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A token endpoint that fails now may answer later: a transient failure of this request.
            throw new PollException(PollFailure.Unavailable, $"Getting the Authorization value for {_host} failed.", innerException: ex);
        }
    }

    /// <summary>A 200 with a well-formed <c>application/json</c> poll response, bounded in size; anything else throws.</summary>
    private async Task<PollResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Failed(response, status);
        }

        if (!string.Equals(response.Content.Headers.ContentType?.MediaType, PollJson.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new PollException(PollFailure.Protocol, $"{_host} answered the poll with a body that is not application/json (RFC 8936 §2.5).", status);
        }

        var body = await BoundedContent.ReadAsync(response.Content, _maximumResponseSize, cancellationToken).ConfigureAwait(false)
            ?? throw TooLarge(status);
        if (!PollResponse.TryParse(body, out var parsed, out var error))
        {
            throw new PollException(PollFailure.Protocol, $"{_host} answered with a malformed poll response (RFC 8936 §2.5): {error}", status);
        }

        return parsed;
    }

    private PollException TooLarge(int status) =>
        new(PollFailure.Protocol, $"{_host} answered with a poll response larger than {_maximumResponseSize.ToString(CultureInfo.InvariantCulture)} bytes; lower MaxEvents or raise MaximumResponseSize.", status);

    /// <summary>
    /// Any status but 200. The body is ignored (RFC 8936 §2.5.1, POLL-10). 408, 429 and 5xx are transient; 4xx refuse
    /// the request or its credential; the rest, redirects included, are not part of the protocol.
    /// </summary>
    private PollException Failed(HttpResponseMessage response, int status)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        if (PushResponseClassifier.IsTransient(response.StatusCode) || status >= 500)
        {
            return new PollException(PollFailure.Unavailable, $"{_host} answered the poll with {code}.", status)
            {
                RetryAfter = RetryAfter(response.Headers.RetryAfter),
            };
        }

        if (status is >= 400 and < 500)
        {
            // POLL-12: the endpoint advertises its authentication schemes; their names help, their parameters are not needed.
            var schemes = status == 401 && response.Headers.WwwAuthenticate.Count > 0
                ? $" (WWW-Authenticate: {string.Join(", ", response.Headers.WwwAuthenticate.Select(c => c.Scheme))})"
                : string.Empty;
            return new PollException(PollFailure.Refused, $"{_host} refused the poll with {code}{schemes}.", status);
        }

        return new PollException(PollFailure.Protocol, $"{_host} answered the poll with {code}; a poll response is 200 (RFC 8936 §2.5), and redirects are not followed.", status);
    }

    /// <summary>The wait a <c>Retry-After</c> asks for, in either form (RFC 9110 §10.2.3), at most a day; <see langword="null"/> without one.</summary>
    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var wait = RetryAfterHeader.Wait(header, _timeProvider);
        return wait > LongestWait ? LongestWait : wait;
    }
}
