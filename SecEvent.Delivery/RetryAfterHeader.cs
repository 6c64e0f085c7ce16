using System.Net.Http.Headers;

namespace SecEvent.Delivery;

/// <summary>Reads a <c>Retry-After</c> header (RFC 9110 §10.2.3), for the push client and the poll client alike.</summary>
internal static class RetryAfterHeader
{
    /// <summary>
    /// The wait the header asks for from now, in either form (delay seconds or a date); a date in the past asks for no
    /// wait; <see langword="null"/> without a header.
    /// </summary>
    public static TimeSpan? Wait(RetryConditionHeaderValue? header, TimeProvider timeProvider) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date - timeProvider.GetUtcNow() is var wait => wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
