using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.OAuth;

/// <summary>Source-generated JSON metadata for the OAuth event records.</summary>
[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(OAuthTokenIssued))]
[JsonSerializable(typeof(OAuthTokenRevoked))]
[JsonSerializable(typeof(OAuthTokensRevoked))]
[JsonSerializable(typeof(OAuthClientDisabled))]
[JsonSerializable(typeof(OAuthClientEnabled))]
[JsonSerializable(typeof(OAuthClientCredentialChanged))]
internal sealed partial class OAuthEventJsonContext : JsonSerializerContext;
