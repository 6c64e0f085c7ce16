using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Ssf;

/// <summary>The body of an add-subject request (OpenID SSF 1.0 §8.1.3.2). Success is an empty 200.</summary>
/// <remarks>
/// <see cref="Subject"/> must be a valid RFC 9493 identifier, read with the same strict rules as a SET's <c>sub_id</c>.
/// A 200 does not promise that events about the subject will follow (SSF 1.0 §9.1).
/// </remarks>
public sealed class SsfAddSubjectRequest
{
    /// <summary>The stream (<c>stream_id</c>), REQUIRED.</summary>
    [JsonPropertyName("stream_id")]
    public required string StreamId { get; init; }

    /// <summary>The subject to add (<c>subject</c>), REQUIRED.</summary>
    [JsonPropertyName("subject")]
    public required SubjectIdentifier Subject { get; init; }

    /// <summary>
    /// Whether the receiver verified the subject (<c>verified</c>), OPTIONAL; <see langword="null"/> leaves the member out,
    /// which the transmitter SHOULD read as <see langword="true"/> (see <see cref="IsVerified"/>).
    /// </summary>
    [JsonPropertyName("verified")]
    public bool? Verified { get; init; }

    /// <summary>Whether the subject counts as verified: <see cref="Verified"/>, or <see langword="true"/> when it is absent (SSF-33).</summary>
    [JsonIgnore]
    public bool IsVerified => Verified ?? true;

    /// <summary>Members this library does not know, kept so that a write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>Reads an add-subject body.</summary>
    /// <param name="utf8Json">The body.</param>
    /// <param name="request">The request, when the body is well-formed.</param>
    /// <param name="error">Why it is not, in words fit for a log; never echoes the body.</param>
    /// <returns><see langword="true"/> when the body is a well-formed add-subject request.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out SsfAddSubjectRequest? request, [NotNullWhen(false)] out string? error) =>
        SsfStreamJson.TryParse(utf8Json, SsfStreamJsonContext.Default.SsfAddSubjectRequest, static r => r.StreamId.Length == 0 ? "stream_id must not be empty." : null, out request, out error);

    /// <summary>Writes the request as compact UTF-8 JSON, leaving out <c>verified</c> when it is not set.</summary>
    /// <returns>The body.</returns>
    public byte[] ToUtf8Json() => WireJson.Serialize(this, SsfStreamJsonContext.Default.SsfAddSubjectRequest);

    /// <summary>Returns the stream id and the subject's format; never the subject's members, which are personal data.</summary>
    public override string ToString() => $"stream_id={StreamId} subject={Subject} verified={IsVerified}";
}
