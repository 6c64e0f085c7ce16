using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using SecEvent.Tokens.Events;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// A stream's status (OpenID SSF 1.0 §8.1.2): the body of a read-status response, and of an update-status request and
/// its response.
/// </summary>
/// <remarks>Reading refuses a missing <c>stream_id</c> or <c>status</c> and a status other than the three of §8.1.2.1.</remarks>
public sealed class SsfStreamStatus
{
    /// <summary>The stream (<c>stream_id</c>), REQUIRED.</summary>
    [JsonPropertyName("stream_id")]
    public required string StreamId { get; init; }

    /// <summary>The status (<c>status</c>), REQUIRED: one of <see cref="SsfStreamStatuses"/>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Why the status is what it is (<c>reason</c>), OPTIONAL free text.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>Members this library does not know, kept so that a write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>Reads a stream status body.</summary>
    /// <param name="utf8Json">The body.</param>
    /// <param name="status">The status, when the body is well-formed.</param>
    /// <param name="error">Why it is not, in words fit for a log; never echoes the body.</param>
    /// <returns><see langword="true"/> when the body is a well-formed stream status.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out SsfStreamStatus? status, [NotNullWhen(false)] out string? error) =>
        SsfStreamJson.TryParse(utf8Json, SsfStreamJsonContext.Default.SsfStreamStatus, static s => s.Check(), out status, out error);

    /// <summary>Writes the status as compact UTF-8 JSON.</summary>
    /// <returns>The body.</returns>
    public byte[] ToUtf8Json() => WireJson.Serialize(this, SsfStreamJsonContext.Default.SsfStreamStatus);

    /// <summary>Returns the stream id and status.</summary>
    public override string ToString() => $"stream_id={StreamId} status={Status}";

    private string? Check() => SsfStreamJson.First(
        StreamId.Length == 0 ? "stream_id must not be empty." : null,
        SsfStreamStatuses.IsDefined(Status) ? null : "status must be enabled, paused or disabled.");
}
