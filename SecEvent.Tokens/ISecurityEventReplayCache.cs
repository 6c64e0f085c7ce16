namespace SecEvent.Tokens;

/// <summary>Remembers which (<c>iss</c>, <c>jti</c>) pairs were accepted, to refuse replays (RFC 8417 §2.2: <c>jti</c> MAY detect duplicates).</summary>
public interface ISecurityEventReplayCache
{
    /// <summary>Records a token unless it was recorded before.</summary>
    /// <param name="issuer">The token's <c>iss</c>.</param>
    /// <param name="jwtId">The token's <c>jti</c>.</param>
    /// <param name="expiration">The token's <c>exp</c>, if any: the entry must be kept at least until then.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when recorded now; <see langword="false"/> when it was seen before.</returns>
    ValueTask<bool> TryAddAsync(string issuer, string jwtId, NumericDate? expiration, CancellationToken cancellationToken);
}
