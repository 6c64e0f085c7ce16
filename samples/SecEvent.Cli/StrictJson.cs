using System.Text.Json;
using System.Text.Unicode;

namespace SecEvent.Cli;

/// <summary>
/// Parses JSON objects the way the library reads tokens: unique member names (RFC 7519 §4, RFC 8417 §2.2), so
/// that a payload or key file never means one thing here and another to a lenient reader ("last iss wins").
/// </summary>
internal static class StrictJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };

    /// <summary>Parses text that must hold one JSON object.</summary>
    public static bool TryParseObject(string text, string what, out JsonElement element, out string? error)
    {
        try
        {
            element = JsonElement.Parse(text, Options);
        }
        catch (JsonException ex)
        {
            element = default;
            error = $"The {what} is not valid JSON: {ex.Message}";
            return false;
        }

        return IsObject(element, what, out error);
    }

    /// <summary>Parses UTF-8 bytes that must hold one JSON object.</summary>
    public static bool TryParseObject(ReadOnlySpan<byte> utf8, string what, out JsonElement element, out string? error)
    {
        element = default;

        // System.Text.Json lets invalid UTF-8 through inside strings; RFC 7515 §5.2 needs a UTF-8 header and payload.
        if (!Utf8.IsValid(utf8))
        {
            error = $"The {what} is not valid UTF-8.";
            return false;
        }

        try
        {
            element = JsonElement.Parse(utf8, Options);
        }
        catch (JsonException ex)
        {
            error = $"The {what} is not valid JSON: {ex.Message}";
            return false;
        }

        return IsObject(element, what, out error);
    }

    private static bool IsObject(JsonElement element, string what, out string? error)
    {
        error = element.ValueKind == JsonValueKind.Object ? null : $"The {what} is not a JSON object.";
        return error is null;
    }
}
