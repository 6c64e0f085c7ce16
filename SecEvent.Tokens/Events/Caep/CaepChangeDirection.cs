using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Events.Caep;

/// <summary>Whether an assurance level went up or down (CAEP 1.0 §3.4.1, <c>change_direction</c>).</summary>
[JsonConverter(typeof(SecurityEventEnumConverter<CaepChangeDirection>))]
public enum CaepChangeDirection
{
    /// <summary>The level increased (<c>increase</c>).</summary>
    [JsonStringEnumMemberName("increase")]
    Increase,

    /// <summary>The level decreased (<c>decrease</c>).</summary>
    [JsonStringEnumMemberName("decrease")]
    Decrease,
}
