using System.Text.Json;

namespace SecEvent.Tokens.Events.OAuth;

/// <summary>
/// An OAuth token as the subject of an OAuth event (OAuth Event Types 1.0 §2.1, subject type <c>oauth_token</c>).
/// </summary>
/// <remarks>
/// Written as <c>{"subject_type":"oauth_token","token_type":…,"token_identifier_alg":…,"token":…}</c>. The
/// <see cref="Token"/> is whatever <see cref="TokenIdentifierAlgorithm"/> makes of the token; prefer a hash, because a
/// <see cref="OAuthTokenIdentifierAlgorithms.Plain"/> identifier is a usable token. <see cref="ToString"/> never shows it.
/// </remarks>
public sealed record OAuthTokenSubject
{
    /// <summary>The subject type name.</summary>
    public const string SubjectType = "oauth_token";

    /// <summary>The kind of token; REQUIRED.</summary>
    public required OAuthTokenType TokenType { get; init; }

    /// <summary>How <see cref="Token"/> identifies the token: one of <see cref="OAuthTokenIdentifierAlgorithms"/>; REQUIRED.</summary>
    public required string TokenIdentifierAlgorithm { get; init; }

    /// <summary>The token identifier computed with <see cref="TokenIdentifierAlgorithm"/>; REQUIRED.</summary>
    public required string Token { get; init; }

    /// <summary>Members the record does not declare, kept and written back unchanged.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalMembers { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{nameof(OAuthTokenSubject)} {{ TokenType = {TokenType}, TokenIdentifierAlgorithm = {TokenIdentifierAlgorithm} }}";

    /// <summary>Checks the members a cast or an empty string could break.</summary>
    internal string? Problem() =>
        !SecurityEventEnumConverter<OAuthTokenType>.IsDefined(TokenType)
            ? $"The '{SubjectType}' subject's 'token_type' must be one of {SecurityEventEnumConverter<OAuthTokenType>.Names} (OAuth Event Types 1.0 §2.1)."
            : string.IsNullOrEmpty(TokenIdentifierAlgorithm) || string.IsNullOrEmpty(Token)
                ? $"The '{SubjectType}' subject needs a non-empty 'token_identifier_alg' and 'token' (OAuth Event Types 1.0 §2.1)."
                : null;
}
