using System.Text.Json;

namespace SecEvent.Delivery.Poll;

/// <summary>What the poll bodies share.</summary>
internal static class PollJson
{
    /// <summary>The media type of poll requests and responses (RFC 8936 §2).</summary>
    public const string MediaType = "application/json";

    /// <summary>
    /// A parse failure in words fit for a log: the JSON path and line, never the text around it, which may hold a SET.
    /// </summary>
    public static string Describe(JsonException exception) =>
        exception.Path is { Length: > 0 } path
            ? $"The body is not a well-formed poll message at {path}."
            : "The body is not well-formed JSON.";
}
