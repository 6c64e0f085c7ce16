using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.OAuth;

/// <summary>The kind of OAuth token an <see cref="OAuthTokenSubject"/> names (OAuth Event Types 1.0 §2.1, <c>token_type</c>).</summary>
[JsonConverter(typeof(SecurityEventEnumConverter<OAuthTokenType>))]
public enum OAuthTokenType
{
    /// <summary>An access token (<c>access_token</c>).</summary>
    [JsonStringEnumMemberName("access_token")]
    AccessToken,

    /// <summary>An authorization code (<c>authorization_code</c>).</summary>
    [JsonStringEnumMemberName("authorization_code")]
    AuthorizationCode,

    /// <summary>A refresh token (<c>refresh_token</c>).</summary>
    [JsonStringEnumMemberName("refresh_token")]
    RefreshToken,
}
