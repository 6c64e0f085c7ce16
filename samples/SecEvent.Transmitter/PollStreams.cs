using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using SecEvent.Delivery.Poll;

namespace SecEvent.Transmitter;

/// <summary>
/// The poll streams this transmitter serves and the credential each recipient presents: the poll endpoint's
/// <c>AuthorizeReceiver</c> hook. A recipient without a credential is told how to authenticate (401 with
/// <c>WWW-Authenticate</c>, RFC 8936 §3); one polling another's stream is refused (403).
/// </summary>
internal sealed class PollStreams
{
    private readonly ConcurrentDictionary<string, byte[]> _credentials = new(StringComparer.Ordinal);

    public void Set(string stream, string authorization) => _credentials[stream] = Encoding.UTF8.GetBytes(authorization);

    public bool Contains(string stream) => _credentials.ContainsKey(stream);

    public ValueTask<PollAuthorizationResult> AuthorizeAsync(PollEndpointRequest request, CancellationToken cancellationToken)
    {
        if (request.Authorization is not { Length: > 0 } given)
        {
            return ValueTask.FromResult(PollAuthorizationResult.AuthenticationFailed("A bearer credential is required."));
        }

        return ValueTask.FromResult(_credentials.TryGetValue(request.StreamId, out var wanted)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), wanted)
                ? PollAuthorizationResult.Allowed
                : PollAuthorizationResult.AccessDenied("This credential may not poll this stream."));
    }
}
