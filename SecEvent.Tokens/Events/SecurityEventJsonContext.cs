using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events;

/// <summary>Source-generated JSON metadata for the event records this package ships.</summary>
[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(SsfVerificationEvent))]
[JsonSerializable(typeof(SsfStreamUpdatedEvent))]
internal sealed partial class SecurityEventJsonContext : JsonSerializerContext;
