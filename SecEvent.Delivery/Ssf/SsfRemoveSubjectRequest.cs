using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Ssf;

/// <summary>The body of a remove-subject request (OpenID SSF 1.0 §8.1.3.3). Success is 204.</summary>
/// <remarks>
/// The transmitter MAY keep sending events about a removed subject for a while; receivers MUST tolerate them (SSF 1.0 §9.3).
/// </remarks>
public sealed class SsfRemoveSubjectRequest
{
    /// <summary>The stream (<c>stream_id</c>), REQUIRED.</summary>
    [JsonPropertyName("stream_id")]
    public required string StreamId { get; init; }

    /// <summary>The subject to remove (<c>subject</c>), REQUIRED: a valid RFC 9493 identifier.</summary>
    [JsonPropertyName("subject")]
    public required SubjectIdentifier Subject { get; init; }

    /// <summary>Members this library does not know, kept so that a write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>Reads a remove-subject body.</summary>
    /// <param name="utf8Json">The body.</param>
    /// <param name="request">The request, when the body is well-formed.</param>
    /// <param name="error">Why it is not, in words fit for a log; never echoes the body.</param>
    /// <returns><see langword="true"/> when the body is a well-formed remove-subject request.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out SsfRemoveSubjectRequest? request, [NotNullWhen(false)] out string? error) =>
        SsfStreamJson.TryParse(utf8Json, SsfStreamJsonContext.Default.SsfRemoveSubjectRequest, static r => r.StreamId.Length == 0 ? "stream_id must not be empty." : null, out request, out error);

    /// <summary>Writes the request as compact UTF-8 JSON.</summary>
    /// <returns>The body.</returns>
    public byte[] ToUtf8Json() => WireJson.Serialize(this, SsfStreamJsonContext.Default.SsfRemoveSubjectRequest);

    /// <summary>Returns the stream id and the subject's format; never the subject's members, which are personal data.</summary>
    public override string ToString() => $"stream_id={StreamId} subject={Subject}";
}
