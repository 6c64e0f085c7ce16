namespace SecEvent.Tokens.Events.OAuth;

/// <summary>How an <see cref="OAuthTokenSubject"/> identifies its token (OAuth Event Types 1.0 §2.1, <c>token_identifier_alg</c>).</summary>
/// <remarks>
/// Prefer a hash: with <see cref="Plain"/> the SET carries a usable token, and anyone who reads the SET can use it
/// until it expires. Values beginning with <see cref="HashPrefix"/> name a hash agreed between the parties (Google
/// sends <see cref="HashBase64Sha512Sha512"/>).
/// </remarks>
public static class OAuthTokenIdentifierAlgorithms
{
    /// <summary>The token itself.</summary>
    public const string Plain = "plain";

    /// <summary>A prefix of the token.</summary>
    public const string Prefix = "prefix";

    /// <summary>The beginning of every hash-based identifier algorithm.</summary>
    public const string HashPrefix = "hash_";

    /// <summary>The hash-based identifier Google's Cross-Account Protection sends for revoked refresh tokens.</summary>
    public const string HashBase64Sha512Sha512 = "hash_base64_sha512_sha512";
}
