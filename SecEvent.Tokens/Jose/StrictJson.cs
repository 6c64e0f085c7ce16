using System.Text.Json;
using System.Text.Unicode;

namespace SecEvent.Tokens.Jose;

/// <summary>
/// Parses JOSE headers and JWT claims sets as I-JSON (RFC 7493): valid UTF-8, no lone surrogates, unique
/// member names at every depth (RFC 7519 §4, RFC 7515 §4), and bounded nesting.
/// </summary>
internal static class StrictJson
{
    /// <summary>Parses a JSON object strictly.</summary>
    public static bool TryParseObject(ReadOnlySpan<byte> utf8, int maxDepth, string what, out JsonElement element, out string? error)
    {
        if (!TryParse(utf8, maxDepth, what, out element, out error))
        {
            return false;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"The {what} is not a JSON object.";
            return false;
        }

        return true;
    }

    /// <summary>Checks any JSON value strictly, keeping nothing (for nested header values).</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8, int maxDepth, string what, out string? error) =>
        TryParse(utf8, maxDepth, what, out _, out error);

    /// <summary>
    /// The checks System.Text.Json leaves out: it accepts invalid UTF-8 inside strings and escaped lone surrogates.
    /// </summary>
    public static bool IsValidText(ReadOnlySpan<byte> utf8, int maxDepth, string what, out string? error)
    {
        if (!Utf8.IsValid(utf8))
        {
            error = $"The {what} is not valid UTF-8.";
            return false;
        }

        if (utf8.IndexOf("\\u"u8) >= 0 && !EscapesAreValid(utf8, maxDepth))
        {
            error = $"The {what} contains an invalid escape sequence or a lone surrogate.";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The exception text can quote member names from the input; describe the problem without it.</summary>
    public static string Describe(JsonException ex, string what, int maxDepth)
    {
        var message = ex.Message;
        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return $"The {what} repeats a member name (RFC 7519 §4, RFC 8417 §2.2).";
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"The {what} is nested deeper than {maxDepth} levels.";
        }

        return $"The {what} is not valid JSON (byte {ex.BytePositionInLine ?? 0}).";
    }

    private static bool TryParse(ReadOnlySpan<byte> utf8, int maxDepth, string what, out JsonElement element, out string? error)
    {
        element = default;
        if (!IsValidText(utf8, maxDepth, what, out error))
        {
            return false;
        }

        try
        {
            element = JsonElement.Parse(utf8, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = maxDepth });
        }
        catch (JsonException ex)
        {
            error = Describe(ex, what, maxDepth);
            return false;
        }

        return true;
    }

    private static bool EscapesAreValid(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (InvalidOperationException)
        {
            return false; // an escape that does not decode to valid UTF-16
        }
        catch (JsonException)
        {
            return true; // not an escape problem: the parser reports it with the right description
        }

        return true;
    }
}
