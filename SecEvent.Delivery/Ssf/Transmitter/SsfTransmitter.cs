using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// The transmitter's side of the Shared Signals Framework (OpenID SSF 1.0 §7–8): its configuration, the stream
/// management API over an <see cref="ISsfStreamStore"/>, and the publishing of events to every stream that wants them,
/// through push (an outbox) or poll (a poll queue).
/// </summary>
/// <remarks>
/// <para>
/// Framework-agnostic: the host maps the five management endpoints onto <see cref="HandleAsync"/>, serves
/// <see cref="Metadata"/> at <c>/.well-known/ssf-configuration</c>, gives the outbox dispatcher
/// <see cref="ResolvePushEndpointAsync"/> and the poll transmitter <see cref="AuthorizePollAsync"/>.
/// </para>
/// <para>
/// Every request is authorized by <see cref="SsfTransmitterOptions.Authorize"/>, which names the receiver; a receiver
/// sees and changes only its own streams (403 for another's, 404 for none), and its streams' <c>aud</c> is what the hook
/// says it is, never what a request says (SSF-22).
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "_statusGate never creates its wait handle (AvailableWaitHandle is unused), so it holds nothing to dispose.")]
public sealed partial class SsfTransmitter
{
    private readonly SsfTransmitterOptions _options;
    private readonly ISsfStreamStore _store;
    private readonly ISecurityEventOutbox? _pushOutbox;
    private readonly ISecurityEventPollQueue? _pollQueue;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SecurityEventTokenHandler _handler;

    /// <summary>Creates a transmitter.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="store">Where streams, subjects and held SETs are kept.</param>
    /// <param name="pushOutbox">Where SETs for push streams are queued (the stream id is the destination); <see langword="null"/> when push is not offered.</param>
    /// <param name="pollQueue">Where SETs for poll streams are queued (the stream id is the stream); <see langword="null"/> when poll is not offered.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Where to log; nowhere when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is invalid, neither delivery method is available, or poll is offered without <see cref="SsfTransmitterOptions.PollEndpointUrl"/>.</exception>
    public SsfTransmitter(
        SsfTransmitterOptions options,
        ISsfStreamStore store,
        ISecurityEventOutbox? pushOutbox,
        ISecurityEventPollQueue? pollQueue,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        options.Validate();
        if (pushOutbox is null && pollQueue is null)
        {
            throw new ArgumentException("A push outbox, a poll queue or both are needed.", nameof(pushOutbox));
        }

        if ((pollQueue is null) != (options.PollEndpointUrl is null))
        {
            throw new ArgumentException("Poll delivery needs both a poll queue and PollEndpointUrl.", nameof(pollQueue));
        }

        _options = options;
        _store = store;
        _pushOutbox = pushOutbox;
        _pollQueue = pollQueue;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SsfTransmitter>();
        _handler = new SecurityEventTokenHandler(_timeProvider);
        Metadata = BuildMetadata();
    }

    /// <summary>The transmitter's configuration, to serve at <c>/.well-known/ssf-configuration</c> (§7.2) with <see cref="SsfTransmitterMetadata.ToUtf8Json"/>.</summary>
    public SsfTransmitterMetadata Metadata { get; }

    /// <summary>The delivery methods offered: push with an outbox, poll with a poll queue.</summary>
    private IReadOnlyList<string> DeliveryMethods =>
        [.. _pushOutbox is null ? [] : new[] { SsfDeliveryMethods.Push }, .. _pollQueue is null ? [] : new[] { SsfDeliveryMethods.Poll }];

    private SsfTransmitterMetadata BuildMetadata() => new()
    {
        SpecVersion = "1_0",
        Issuer = _options.Issuer,
        JwksUri = _options.JwksUri,
        DeliveryMethodsSupported = DeliveryMethods,
        ConfigurationEndpoint = _options.ConfigurationEndpoint,
        StatusEndpoint = _options.StatusEndpoint,
        AddSubjectEndpoint = _options.AddSubjectEndpoint,
        RemoveSubjectEndpoint = _options.RemoveSubjectEndpoint,
        VerificationEndpoint = _options.VerificationEndpoint,
        CriticalSubjectMembers = _options.CriticalSubjectMembers is { Count: > 0 } critical ? [.. critical] : null,
        AuthorizationSchemes = _options.AuthorizationSchemes.Count > 0 ? [.. _options.AuthorizationSchemes.Select(urn => new SsfAuthorizationScheme { SpecUrn = urn })] : null,
        DefaultSubjects = _options.DefaultSubjects,
    };
}
