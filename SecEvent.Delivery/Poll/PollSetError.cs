using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Poll;

/// <summary>
/// One entry of a poll request's <c>setErrs</c> (RFC 8936 §2.2, §2.4.4): why the recipient could not accept a SET. The
/// code comes from the RFC 8935 registry (<see cref="Tokens.SecurityEventErrorCodes"/>, POLL-11).
/// </summary>
/// <param name="Code">The <c>err</c> code, such as <c>invalid_key</c>.</param>
/// <param name="Description">The <c>description</c>: human-readable text in the request's <c>Content-Language</c>.</param>
public sealed record PollSetError(
    [property: JsonPropertyName("err")] string Code,
    [property: JsonPropertyName("description")] string Description)
{
    /// <summary>Returns the code and the description.</summary>
    public override string ToString() => $"{Code}: {Description}";
}
