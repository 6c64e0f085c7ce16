using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Poll;

/// <summary>
/// The JSON body a transmitter answers a poll with (RFC 8936 §2.3): the SETs waiting for acknowledgement, keyed by
/// <c>jti</c>, and whether more are waiting.
/// </summary>
public sealed class PollResponse
{
    /// <summary>The SETs, each a compact JWS or JWE keyed by its <c>jti</c> (<c>sets</c>); empty when none is waiting.</summary>
    [JsonPropertyName("sets")]
    public required IReadOnlyDictionary<string, string> Sets { get; init; }

    /// <summary>Whether more SETs are waiting than this response carries (<c>moreAvailable</c>); omitted means <see langword="false"/>.</summary>
    [JsonPropertyName("moreAvailable")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool MoreAvailable { get; init; }

    /// <summary>Reads a poll response; refuses a missing <c>sets</c>, duplicate members, wrong types and empty entries.</summary>
    /// <param name="utf8Json">The response body.</param>
    /// <param name="response">The response, when it is well-formed.</param>
    /// <param name="error">Why it is not, in words fit for a log; never echoes the body.</param>
    /// <returns><see langword="true"/> when the body is a well-formed poll response.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out PollResponse? response, [NotNullWhen(false)] out string? error)
        => StrictJsonBody.TryParse(utf8Json, PollJsonContext.Default.PollResponse, "poll message", static r => r.Check(), out response, out error);

    /// <summary>Writes the response as compact UTF-8 JSON.</summary>
    /// <returns>The response body.</returns>
    public byte[] ToUtf8Json() => WireJson.Serialize(this, PollJsonContext.Default.PollResponse);

    private string? Check() =>
        Sets.Any(static entry => entry.Key.Length == 0 || string.IsNullOrEmpty(entry.Value)) ? "sets holds an entry without a jti or a SET." : null;

    /// <summary>Returns the count, never the SETs.</summary>
    public override string ToString() => $"sets={Sets.Count} moreAvailable={MoreAvailable}";
}
