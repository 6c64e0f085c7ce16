using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Poll;

/// <summary>
/// The JSON body a SET recipient POSTs to a transmitter's poll endpoint (RFC 8936 §2.2): what it acknowledges, what it
/// could not accept, and how many SETs it wants back. Every member may be omitted; <c>{}</c> is a valid long poll.
/// </summary>
public sealed class PollRequest
{
    /// <summary>
    /// The most SETs to return (<c>maxEvents</c>); 0 asks for none, which makes the request acknowledge-only
    /// (RFC 8936 §2.4.2); <see langword="null"/> leaves the number to the transmitter.
    /// </summary>
    [JsonPropertyName("maxEvents")]
    public int? MaxEvents { get; init; }

    /// <summary>
    /// <see langword="true"/> asks for an answer at once even when no SET is waiting (a short poll); <see langword="false"/>
    /// or <see langword="null"/> lets the transmitter hold the request until one arrives (a long poll, RFC 8936 §2.5).
    /// </summary>
    [JsonPropertyName("returnImmediately")]
    public bool? ReturnImmediately { get; init; }

    /// <summary>The <c>jti</c> values of the SETs received and kept since the last poll (<c>ack</c>).</summary>
    [JsonPropertyName("ack")]
    public IReadOnlyList<string>? Acknowledgements { get; init; }

    /// <summary>The SETs that failed validation, by <c>jti</c> (<c>setErrs</c>, RFC 8936 §2.4.4).</summary>
    [JsonPropertyName("setErrs")]
    public IReadOnlyDictionary<string, PollSetError>? SetErrors { get; init; }

    /// <summary>Whether the request asks for no SETs back: it only acknowledges or reports errors (RFC 8936 §2.4.2).</summary>
    [JsonIgnore]
    public bool IsAcknowledgeOnly => MaxEvents == 0;

    /// <summary>
    /// Reads a poll request; refuses duplicate members, wrong types, a negative <c>maxEvents</c>, empty entries and a
    /// <c>jti</c> both acknowledged and reported.
    /// </summary>
    /// <param name="utf8Json">The request body.</param>
    /// <param name="request">The request, when it is well-formed.</param>
    /// <param name="error">Why it is not, in words fit for a log; never echoes the body.</param>
    /// <returns><see langword="true"/> when the body is a well-formed poll request.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out PollRequest? request, [NotNullWhen(false)] out string? error)
        => StrictJsonBody.TryParse(utf8Json, PollJsonContext.Default.PollRequest, "poll message", static r => r.Check(), out request, out error);

    /// <summary>Writes the request as compact UTF-8 JSON, leaving out the members that are <see langword="null"/>.</summary>
    /// <returns>The request body.</returns>
    public byte[] ToUtf8Json() => WireJson.Serialize(this, PollJsonContext.Default.PollRequest);

    /// <summary>Returns the counts, never the <c>jti</c> values.</summary>
    public override string ToString() =>
        $"maxEvents={MaxEvents?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} returnImmediately={ReturnImmediately?.ToString() ?? "-"} ack={Acknowledgements?.Count ?? 0} setErrs={SetErrors?.Count ?? 0}";

    private string? Check()
    {
        if (MaxEvents < 0)
        {
            return "maxEvents must not be negative.";
        }

        if (Acknowledgements is { } ack && ack.Any(string.IsNullOrEmpty))
        {
            return "ack holds a null or empty jti.";
        }

        if (SetErrors is { } errors)
        {
            foreach (var (jti, setError) in errors)
            {
                if (jti.Length == 0 || setError is null || string.IsNullOrEmpty(setError.Code) || setError.Description is null)
                {
                    return "setErrs holds an entry without a jti, an err or a description.";
                }

                if (Acknowledgements is { } acknowledged && acknowledged.Contains(jti, StringComparer.Ordinal))
                {
                    // RFC 8936 §2.4.4: a SET is either acknowledged or reported; both at once says nothing.
                    return "A jti appears in both ack and setErrs.";
                }
            }
        }

        return null;
    }
}
