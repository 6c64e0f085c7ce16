using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Risc;

#pragma warning disable CS0618 // The deprecated sessions-revoked event is still read.

/// <summary>Source-generated JSON metadata for the RISC event records.</summary>
[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(RiscAccountCredentialChangeRequired))]
[JsonSerializable(typeof(RiscAccountPurged))]
[JsonSerializable(typeof(RiscAccountDisabled))]
[JsonSerializable(typeof(RiscAccountEnabled))]
[JsonSerializable(typeof(RiscIdentifierChanged))]
[JsonSerializable(typeof(RiscIdentifierRecycled))]
[JsonSerializable(typeof(RiscCredentialCompromise))]
[JsonSerializable(typeof(RiscOptIn))]
[JsonSerializable(typeof(RiscOptOutInitiated))]
[JsonSerializable(typeof(RiscOptOutCancelled))]
[JsonSerializable(typeof(RiscOptOutEffective))]
[JsonSerializable(typeof(RiscRecoveryActivated))]
[JsonSerializable(typeof(RiscRecoveryInformationChanged))]
[JsonSerializable(typeof(RiscSessionsRevoked))]
internal sealed partial class RiscEventJsonContext : JsonSerializerContext;
