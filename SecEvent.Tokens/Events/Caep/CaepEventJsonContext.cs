using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>Source-generated JSON metadata for the CAEP event records.</summary>
[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(CaepSessionRevoked))]
[JsonSerializable(typeof(CaepTokenClaimsChange))]
[JsonSerializable(typeof(CaepCredentialChange))]
[JsonSerializable(typeof(CaepAssuranceLevelChange))]
[JsonSerializable(typeof(CaepDeviceComplianceChange))]
[JsonSerializable(typeof(CaepSessionEstablished))]
[JsonSerializable(typeof(CaepSessionPresented))]
[JsonSerializable(typeof(CaepRiskLevelChange))]
internal sealed partial class CaepEventJsonContext : JsonSerializerContext;
