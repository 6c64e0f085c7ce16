using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// Source-generated JSON for the stream management bodies (OpenID SSF 1.0 §8): strict about duplicate members, types
/// and <c>null</c> where a value is required; members it does not know are kept and written back (SSF 1.0 §4.2.3).
/// </summary>
[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(SsfStreamConfiguration))]
[JsonSerializable(typeof(IReadOnlyList<SsfStreamConfiguration>))]
[JsonSerializable(typeof(SsfStreamRequest))]
[JsonSerializable(typeof(SsfStreamStatus))]
[JsonSerializable(typeof(SsfAddSubjectRequest))]
[JsonSerializable(typeof(SsfRemoveSubjectRequest))]
[JsonSerializable(typeof(SsfVerificationRequest))]
internal sealed partial class SsfStreamJsonContext : JsonSerializerContext;
