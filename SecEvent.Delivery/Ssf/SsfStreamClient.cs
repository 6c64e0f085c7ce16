using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using SecEvent.Delivery.Diagnostics;
using SecEvent.Tokens.Events;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// The receiver's side of the stream management API (OpenID SSF 1.0 §8.1): create, read, update, replace and delete
/// streams, read and change their status, add and remove subjects, and ask for verification — each answer checked and
/// turned into a typed result, each error status into an <see cref="SsfStreamException"/> whose
/// <see cref="SsfStreamException.Meaning"/> says what the spec makes of it.
/// </summary>
/// <remarks>
/// <para>
/// Every stream configuration read back (create, read, update, replace) must name the transmitter's issuer as its
/// <c>iss</c> (§8.1.1.1, §8.1.1.2; the same issuer discovery checked), the stream asked about as its <c>stream_id</c>,
/// and, when <see cref="SsfStreamClientOptions.ExpectedAudience"/> is set, that audience in its <c>aud</c>.
/// </para>
/// <para>
/// Transient failures are retried with Polly (<see cref="SsfStreamClientOptions.MaxRetries"/>), never before the
/// transmitter's <c>Retry-After</c>. Redirects are never followed: an endpoint that redirects fails.
/// </para>
/// <para>Thread-safe; one instance per transmitter can serve the whole application.</para>
/// </remarks>
public sealed partial class SsfStreamClient
{
    /// <summary>The largest error body kept on an exception; enough for any error document, bounded for hostile ones.</summary>
    private const int MaxErrorBody = 16 * 1024;

    private readonly HttpClient _httpClient;
    private readonly SsfStreamClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly bool _acceptsBearer;

    /// <summary>Creates a client for the transmitter described by <paramref name="metadata"/>.</summary>
    /// <param name="httpClient">The client used for requests; its handlers (mutual TLS, proxies) apply.</param>
    /// <param name="metadata">The transmitter's configuration, normally from <see cref="SsfDiscovery.DiscoverAsync"/>.</param>
    /// <param name="options">The settings; defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for timeouts and retry delays; the system clock when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Where to log; nowhere when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range, or an endpoint is plain http without <see cref="SsfStreamClientOptions.AllowHttp"/>.</exception>
    public SsfStreamClient(HttpClient httpClient, SsfTransmitterMetadata metadata, SsfStreamClientOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(metadata);
        options ??= new SsfStreamClientOptions();
        options.Validate();
        _options = options.Clone();
        foreach (var (name, value) in metadata.Urls())
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && _options.AllowHttp)))
            {
                throw new ArgumentException($"The transmitter's {name} is not an absolute https URL; set AllowHttp to allow http.", nameof(metadata));
            }
        }

        _httpClient = httpClient;
        Metadata = metadata;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SsfStreamClient>();
        _acceptsBearer = metadata.AuthorizationSchemes is not { Count: > 0 } schemes
            || schemes.Any(static s => s.SpecUrn is SsfAuthorizationScheme.OAuth or SsfAuthorizationScheme.BearerToken);
        _retry = BuildRetry();
    }

    /// <summary>The transmitter's configuration this client works from.</summary>
    public SsfTransmitterMetadata Metadata { get; }

    /// <summary>Creates a stream (§8.1.1.1): 201 with the new configuration.</summary>
    /// <param name="request">The receiver-supplied members: <c>delivery</c> (poll is assumed when absent), <c>events_requested</c>, <c>description</c>; no <c>stream_id</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The stream's configuration, its <c>iss</c> checked.</returns>
    /// <exception cref="SsfStreamException">The request failed; 409 (<see cref="SsfStatusMeaning.Conflict"/>) means the transmitter allows one stream per receiver and one exists.</exception>
    public async Task<SsfStreamConfiguration> CreateStreamAsync(SsfStreamRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.StreamId is not null)
        {
            throw new ArgumentException("A create request carries no stream_id: the transmitter assigns it.", nameof(request));
        }

        const SsfStreamOperation operation = SsfStreamOperation.Create;
        var answer = await SendAsync(operation, HttpMethod.Post, Metadata.ConfigurationEndpoint, null, request.ToUtf8Json(), cancellationToken).ConfigureAwait(false);
        return ReadConfiguration(operation, answer, streamId: null);
    }

    /// <summary>Reads one stream's configuration (§8.1.1.2): 200 with the configuration.</summary>
    /// <param name="streamId">The stream.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The configuration, its <c>iss</c> and <c>stream_id</c> checked.</returns>
    /// <exception cref="SsfStreamException">The request failed; 404 means no such stream for this receiver.</exception>
    public async Task<SsfStreamConfiguration> GetStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        const SsfStreamOperation operation = SsfStreamOperation.Read;
        var answer = await SendAsync(operation, HttpMethod.Get, Metadata.ConfigurationEndpoint, streamId, null, cancellationToken).ConfigureAwait(false);
        return ReadConfiguration(operation, answer, streamId);
    }

    /// <summary>Reads every stream of this receiver (§8.1.1.2): 200 with an array, empty when there are none.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The configurations, each <c>iss</c> checked.</returns>
    /// <exception cref="SsfStreamException">The request failed, or the answer is not an array (§8.1.1.2 requires one, even for one stream).</exception>
    public async Task<IReadOnlyList<SsfStreamConfiguration>> GetStreamsAsync(CancellationToken cancellationToken = default)
    {
        const SsfStreamOperation operation = SsfStreamOperation.Read;
        var answer = await SendAsync(operation, HttpMethod.Get, Metadata.ConfigurationEndpoint, null, null, cancellationToken).ConfigureAwait(false);
        if (!SsfStreamConfiguration.TryParseList(RequireJson(operation, answer), out var configurations, out var error))
        {
            throw Invalid(operation, answer, $"a malformed list of stream configurations: {error}");
        }

        foreach (var configuration in configurations)
        {
            CheckConfiguration(operation, answer, configuration, streamId: null);
        }

        return configurations;
    }

    /// <summary>
    /// Updates a stream (PATCH, §8.1.1.3): the receiver-supplied members present change, the absent ones stay.
    /// </summary>
    /// <param name="request">The stream and the members to change; <c>stream_id</c> is required.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The whole configuration after the update (200), or pending (202).</returns>
    /// <exception cref="SsfStreamException">The request failed; 400 may mean a transmitter-supplied member did not match.</exception>
    public Task<SsfUpdateResult<SsfStreamConfiguration>> UpdateStreamAsync(SsfStreamRequest request, CancellationToken cancellationToken = default) =>
        ChangeStreamAsync(SsfStreamOperation.Update, HttpMethod.Patch, request, cancellationToken);

    /// <summary>
    /// Replaces a stream (PUT, §8.1.1.4): every receiver-supplied member absent from <paramref name="request"/> is
    /// deleted. <see cref="SsfStreamConfiguration.ToReplaceRequest"/> starts from the current configuration.
    /// </summary>
    /// <param name="request">The stream and the full set of receiver-supplied members; <c>stream_id</c> is required.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The configuration after the replacement (200), or pending (202).</returns>
    /// <exception cref="SsfStreamException">The request failed.</exception>
    public Task<SsfUpdateResult<SsfStreamConfiguration>> ReplaceStreamAsync(SsfStreamRequest request, CancellationToken cancellationToken = default) =>
        ChangeStreamAsync(SsfStreamOperation.Replace, HttpMethod.Put, request, cancellationToken);

    /// <summary>Deletes a stream (§8.1.1.5): 204.</summary>
    /// <param name="streamId">The stream.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status code of the success answer (the spec's, or one <see cref="SsfStreamClient"/> also takes as success).</returns>
    /// <exception cref="SsfStreamException">The request failed; 404 means no such stream for this receiver.</exception>
    public async Task<int> DeleteStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        return (await SendAsync(SsfStreamOperation.Delete, HttpMethod.Delete, Metadata.ConfigurationEndpoint, streamId, null, cancellationToken).ConfigureAwait(false)).Status;
    }

    /// <summary>Reads a stream's status (§8.1.2.1): 200 with <c>stream_id</c>, <c>status</c> and an optional <c>reason</c>.</summary>
    /// <param name="streamId">The stream.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status, its <c>stream_id</c> checked.</returns>
    /// <exception cref="SsfStreamException">The request failed.</exception>
    public async Task<SsfStreamStatus> GetStatusAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        const SsfStreamOperation operation = SsfStreamOperation.ReadStatus;
        var answer = await SendAsync(operation, HttpMethod.Get, Metadata.StatusEndpoint, streamId, null, cancellationToken).ConfigureAwait(false);
        return ReadStatus(operation, answer, streamId);
    }

    /// <summary>Changes a stream's status (§8.1.2.2): 200 echoing the new status, or 202 when the transmitter decides later.</summary>
    /// <param name="status">The stream, the status wanted and an optional reason.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status after the change (200), or pending (202).</returns>
    /// <exception cref="SsfStreamException">The request failed.</exception>
    public async Task<SsfUpdateResult<SsfStreamStatus>> UpdateStatusAsync(SsfStreamStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentException.ThrowIfNullOrEmpty(status.StreamId, nameof(status));
        if (!SsfStreamStatuses.IsDefined(status.Status))
        {
            throw new ArgumentException("The status must be enabled, paused or disabled.", nameof(status));
        }

        const SsfStreamOperation operation = SsfStreamOperation.UpdateStatus;
        var answer = await SendAsync(operation, HttpMethod.Post, Metadata.StatusEndpoint, null, status.ToUtf8Json(), cancellationToken).ConfigureAwait(false);
        return answer.Status == 202 ? new(null) : new(ReadStatus(operation, answer, status.StreamId));
    }

    /// <summary>
    /// Adds a subject to a stream (§8.1.3.2): 200. Success does not promise events about the subject (§9.1): the
    /// transmitter may ignore the request silently.
    /// </summary>
    /// <param name="request">The stream, the subject, and whether the receiver verified it.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status code of the success answer (the spec's, or one <see cref="SsfStreamClient"/> also takes as success).</returns>
    /// <exception cref="SsfStreamException">The request failed; 404 may mean an unknown stream or subject, 429 too many requests.</exception>
    public async Task<int> AddSubjectAsync(SsfAddSubjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.StreamId, nameof(request));
        return (await SendAsync(SsfStreamOperation.AddSubject, HttpMethod.Post, Metadata.AddSubjectEndpoint, null, request.ToUtf8Json(), cancellationToken).ConfigureAwait(false)).Status;
    }

    /// <summary>
    /// Removes a subject from a stream (§8.1.3.3): 204. Events about the subject may still arrive for a while (§9.3).
    /// </summary>
    /// <param name="request">The stream and the subject.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status code of the success answer (the spec's, or one <see cref="SsfStreamClient"/> also takes as success).</returns>
    /// <exception cref="SsfStreamException">The request failed.</exception>
    public async Task<int> RemoveSubjectAsync(SsfRemoveSubjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.StreamId, nameof(request));
        return (await SendAsync(SsfStreamOperation.RemoveSubject, HttpMethod.Post, Metadata.RemoveSubjectEndpoint, null, request.ToUtf8Json(), cancellationToken).ConfigureAwait(false)).Status;
    }

    /// <summary>
    /// Asks for a verification event (§8.1.4.2): 204 means the transmitter will send one, perhaps later and out of
    /// order; the event echoes <see cref="SsfVerificationRequest.State"/>. <see cref="SsfStreamEventSink.VerifyAsync"/>
    /// sends this request and waits for the matching event.
    /// </summary>
    /// <param name="request">The stream and an optional <c>state</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status code of the success answer: 204, or 200 from transmitters that answer so.</returns>
    /// <exception cref="SsfStreamException">The request failed; 429 means faster than <c>min_verification_interval</c>.</exception>
    public async Task<int> RequestVerificationAsync(SsfVerificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.StreamId, nameof(request));
        return (await SendAsync(SsfStreamOperation.Verify, HttpMethod.Post, Metadata.VerificationEndpoint, null, request.ToUtf8Json(), cancellationToken).ConfigureAwait(false)).Status;
    }

    private async Task<SsfUpdateResult<SsfStreamConfiguration>> ChangeStreamAsync(SsfStreamOperation operation, HttpMethod method, SsfStreamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.StreamId))
        {
            throw new ArgumentException("stream_id is required to update or replace a stream.", nameof(request));
        }

        var answer = await SendAsync(operation, method, Metadata.ConfigurationEndpoint, null, request.ToUtf8Json(), cancellationToken).ConfigureAwait(false);
        return answer.Status == 202 ? new(null) : new(ReadConfiguration(operation, answer, request.StreamId));
    }

    private static Activity? StartActivity(SsfStreamOperation operation, string host)
    {
        var activity = DeliveryTelemetry.ActivitySource.StartActivity(SsfStreamClientInstruments.ActivityName, ActivityKind.Client);
        activity?.SetTag("secevent.ssf.operation", SsfStreamClientInstruments.OperationTag(operation));
        activity?.SetTag("server.address", host);
        return activity;
    }
}
