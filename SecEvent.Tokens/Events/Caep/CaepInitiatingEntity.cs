using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>What started the change an event reports (CAEP 1.0 §2, <c>initiating_entity</c>).</summary>
[JsonConverter(typeof(SecurityEventEnumConverter<CaepInitiatingEntity>))]
public enum CaepInitiatingEntity
{
    /// <summary>An administrator (<c>admin</c>).</summary>
    [JsonStringEnumMemberName("admin")]
    Admin,

    /// <summary>The end user (<c>user</c>).</summary>
    [JsonStringEnumMemberName("user")]
    User,

    /// <summary>A policy evaluation (<c>policy</c>).</summary>
    [JsonStringEnumMemberName("policy")]
    Policy,

    /// <summary>The system, such as a scheduled job (<c>system</c>).</summary>
    [JsonStringEnumMemberName("system")]
    System,
}
