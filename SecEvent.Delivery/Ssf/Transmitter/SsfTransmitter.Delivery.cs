using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Push;
using SecEvent.Tokens;

namespace SecEvent.Delivery.Ssf;

/// <summary>What the delivery machinery asks of the transmitter: where a push stream's SETs go, and who may poll a stream.</summary>
public sealed partial class SsfTransmitter
{
    /// <summary>
    /// The push endpoint of a stream, for <see cref="Outbox.OutboxDispatcherOptions.ResolveEndpoint"/>: the receiver's
    /// <c>endpoint_url</c> with its <c>authorization_header</c>, sent on every push (SSF-16). <see langword="null"/> when
    /// the stream is gone or no longer a push stream.
    /// </summary>
    /// <param name="destination">The outbox destination: the stream id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The endpoint, or <see langword="null"/>.</returns>
    public async ValueTask<PushEndpoint?> ResolvePushEndpointAsync(string destination, CancellationToken cancellationToken = default)
    {
        var stream = await _store.GetAsync(destination, cancellationToken).ConfigureAwait(false);
        if (stream?.Configuration.Delivery is not { Method: SsfDeliveryMethods.Push, EndpointUrl: { } url } delivery)
        {
            return null;
        }

        return new PushEndpoint(new Uri(url)) { AuthorizationHeader = delivery.AuthorizationHeader, AllowHttp = _options.EndpointUrlPolicy.AllowHttp };
    }

    /// <summary>
    /// Authorizes a poll request, for <see cref="PollTransmitterOptions.AuthorizeReceiver"/>: the caller must be the
    /// receiver that owns the stream, and the stream a poll stream (SSF-22). A poll counts as activity on the stream
    /// (<c>inactivity_timeout</c>, §8.1.1).
    /// </summary>
    /// <param name="request">The poll request.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Allowed, or the RFC 8936 refusal.</returns>
    public async ValueTask<PollAuthorizationResult> AuthorizePollAsync(PollEndpointRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verdict = await _options.Authorize(new SsfAuthorizationContext(request.Authorization, null), cancellationToken).ConfigureAwait(false);
        if (verdict.Receiver is not { } receiver)
        {
            return verdict.StatusCode == 401
                ? PollAuthorizationResult.AuthenticationFailed("The credential is missing or not valid.")
                : PollAuthorizationResult.AccessDenied("The receiver may not poll.");
        }

        var stream = await _store.GetAsync(request.StreamId, cancellationToken).ConfigureAwait(false);
        if (stream is null || !string.Equals(stream.ReceiverId, receiver.Id, StringComparison.Ordinal) || stream.Configuration.Delivery.Method != SsfDeliveryMethods.Poll)
        {
            return PollAuthorizationResult.AccessDenied("The stream is not a poll stream of this receiver.");
        }

        await TouchAsync(stream, cancellationToken).ConfigureAwait(false);
        return PollAuthorizationResult.Allowed;
    }
}
