using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Ssf;

/// <summary>The body of a verification request (OpenID SSF 1.0 §8.1.4.2). Success is 204: the event will follow, perhaps later.</summary>
/// <remarks>The transmitter MUST echo <see cref="State"/> in the verification event; the receiver compares it exactly (SSF-36/37).</remarks>
public sealed class SsfVerificationRequest
{
    /// <summary>The stream to verify (<c>stream_id</c>), REQUIRED.</summary>
    [JsonPropertyName("stream_id")]
    public required string StreamId { get; init; }

    /// <summary>An opaque value the transmitter echoes in the verification event (<c>state</c>), OPTIONAL.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    /// <summary>Members this library does not know, kept so that a write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>Reads a verification request body.</summary>
    /// <param name="utf8Json">The body.</param>
    /// <param name="request">The request, when the body is well-formed.</param>
    /// <param name="error">Why it is not, in words fit for a log; never echoes the body.</param>
    /// <returns><see langword="true"/> when the body is a well-formed verification request.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out SsfVerificationRequest? request, [NotNullWhen(false)] out string? error) =>
        SsfStreamJson.TryParse(utf8Json, SsfStreamJsonContext.Default.SsfVerificationRequest, static r => r.StreamId.Length == 0 ? "stream_id must not be empty." : null, out request, out error);

    /// <summary>Writes the request as compact UTF-8 JSON, leaving out <c>state</c> when it is not set.</summary>
    /// <returns>The body.</returns>
    public byte[] ToUtf8Json() => WireJson.Serialize(this, SsfStreamJsonContext.Default.SsfVerificationRequest);

    /// <summary>Returns the stream id and whether a state is set.</summary>
    public override string ToString() => $"stream_id={StreamId} state={(State is null ? "-" : "(set)")}";
}
