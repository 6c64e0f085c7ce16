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
    {
        response = null;
        try
        {
            response = JsonSerializer.Deserialize(utf8Json, PollJsonContext.Default.PollResponse);
        }
        catch (JsonException e)
        {
            error = PollJson.Describe(e);
            return false;
        }

        if (response is null)
        {
            error = "The body is not a JSON object.";
            return false;
        }

        foreach (var (jti, set) in response.Sets)
        {
            if (jti.Length == 0 || string.IsNullOrEmpty(set))
            {
                response = null;
                error = "sets holds an entry without a jti or a SET.";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>Writes the response as compact UTF-8 JSON.</summary>
    /// <returns>The response body.</returns>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, PollJsonContext.Default.PollResponse);

    /// <summary>Returns the count, never the SETs.</summary>
    public override string ToString() => $"sets={Sets.Count} moreAvailable={MoreAvailable}";
}
