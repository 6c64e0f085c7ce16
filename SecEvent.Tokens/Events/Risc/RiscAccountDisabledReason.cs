using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Risc;

/// <summary>Why an account was disabled (OpenID RISC 1.0 §2.3, <c>reason</c>).</summary>
[JsonConverter(typeof(SecurityEventEnumConverter<RiscAccountDisabledReason>))]
public enum RiscAccountDisabledReason
{
    /// <summary>The account was hijacked (<c>hijacking</c>).</summary>
    [JsonStringEnumMemberName("hijacking")]
    Hijacking,

    /// <summary>The account was one of many created or used in bulk, for example for spam (<c>bulk-account</c>).</summary>
    [JsonStringEnumMemberName("bulk-account")]
    BulkAccount,
}
