using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Logout;

/// <summary>Source-generated JSON metadata for the Back-Channel Logout event record, with the options of the other shipped events.</summary>
[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(BackChannelLogoutEvent))]
internal sealed partial class LogoutJsonContext : JsonSerializerContext;
