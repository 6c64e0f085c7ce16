using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>How a credential changed (CAEP 1.0 §3.3.1, <c>change_type</c>).</summary>
[JsonConverter(typeof(SecurityEventEnumConverter<CaepChangeType>))]
public enum CaepChangeType
{
    /// <summary>The credential was created (<c>create</c>).</summary>
    [JsonStringEnumMemberName("create")]
    Create,

    /// <summary>The credential was revoked (<c>revoke</c>).</summary>
    [JsonStringEnumMemberName("revoke")]
    Revoke,

    /// <summary>The credential was updated (<c>update</c>).</summary>
    [JsonStringEnumMemberName("update")]
    Update,

    /// <summary>The credential was deleted (<c>delete</c>).</summary>
    [JsonStringEnumMemberName("delete")]
    Delete,
}
