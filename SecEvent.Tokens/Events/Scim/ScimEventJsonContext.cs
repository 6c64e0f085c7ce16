using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Scim;

/// <summary>Source-generated JSON metadata for the SCIM event records (draft-ietf-scim-events-16).</summary>
[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ScimFeedAdd))]
[JsonSerializable(typeof(ScimFeedRemove))]
[JsonSerializable(typeof(ScimCreateFull))]
[JsonSerializable(typeof(ScimCreateNotice))]
[JsonSerializable(typeof(ScimPatchFull))]
[JsonSerializable(typeof(ScimPatchNotice))]
[JsonSerializable(typeof(ScimPutFull))]
[JsonSerializable(typeof(ScimPutNotice))]
[JsonSerializable(typeof(ScimDelete))]
[JsonSerializable(typeof(ScimActivate))]
[JsonSerializable(typeof(ScimDeactivate))]
[JsonSerializable(typeof(ScimAsyncResponse))]
internal sealed partial class ScimEventJsonContext : JsonSerializerContext;
