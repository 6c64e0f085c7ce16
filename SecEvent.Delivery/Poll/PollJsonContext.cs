using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Poll;

/// <summary>
/// Source-generated JSON for the poll bodies: strict about duplicate members, types and <c>null</c> where a value is
/// required; tolerant of members it does not know, which later versions may add.
/// </summary>
[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false,
    MaxDepth = 8)]
[JsonSerializable(typeof(PollRequest))]
[JsonSerializable(typeof(PollResponse))]
internal sealed partial class PollJsonContext : JsonSerializerContext;
