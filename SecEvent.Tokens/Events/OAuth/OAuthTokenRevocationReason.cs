using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.OAuth;

/// <summary>Why a token was revoked (OAuth Event Types 1.0 §3.2, <c>reason</c>).</summary>
[JsonConverter(typeof(SecurityEventEnumConverter<OAuthTokenRevocationReason>))]
public enum OAuthTokenRevocationReason
{
    /// <summary>The token was not used for a long time (<c>inactive</c>).</summary>
    [JsonStringEnumMemberName("inactive")]
    Inactive,

    /// <summary>Too many tokens were outstanding (<c>too_many</c>).</summary>
    [JsonStringEnumMemberName("too_many")]
    TooMany,

    /// <summary>The client asked for it through the API, such as an RFC 7009 revocation request (<c>api</c>).</summary>
    [JsonStringEnumMemberName("api")]
    Api,

    /// <summary>The user revoked it (<c>user</c>).</summary>
    [JsonStringEnumMemberName("user")]
    User,

    /// <summary>The issuer revoked it (<c>issuer</c>).</summary>
    [JsonStringEnumMemberName("issuer")]
    Issuer,
}
