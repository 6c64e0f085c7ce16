using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// Source-generated JSON for the transmitter configuration: strict about duplicate members, types and <c>null</c> where
/// a value is required; members it does not know are kept, not refused, since later versions and profiles add them.
/// </summary>
[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(SsfTransmitterMetadata))]
internal sealed partial class SsfMetadataJsonContext : JsonSerializerContext;
