using System.Collections.Concurrent;

namespace SecEvent.Revocation;

/// <summary>The authorization server's live tokens; a stand-in for its real token database.</summary>
internal sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, IssuedToken> _live = new(StringComparer.Ordinal);

    public void Add(IssuedToken token) => _live[token.Value] = token;

    public IssuedToken? Find(string value) => _live.GetValueOrDefault(value);

    /// <summary>
    /// Revokes a token. RFC 7009 §2.1: revoking a refresh token also invalidates the access tokens of the same grant;
    /// revoking an access token may leave the refresh token alone, and here it does.
    /// </summary>
    /// <returns>Every token this call revoked, the given one first.</returns>
    public IReadOnlyList<IssuedToken> Revoke(IssuedToken token)
    {
        var revoked = new List<IssuedToken>();
        if (_live.TryRemove(token.Value, out var removed))
        {
            revoked.Add(removed);
        }

        if (token.Type == SecEvent.Tokens.Events.OAuth.OAuthTokenType.RefreshToken)
        {
            foreach (var sibling in _live.Values.Where(t => t.GrantId == token.GrantId))
            {
                if (_live.TryRemove(sibling.Value, out var gone))
                {
                    revoked.Add(gone);
                }
            }
        }

        return revoked;
    }
}
