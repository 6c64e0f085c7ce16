using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SecEvent.Delivery;

/// <summary>
/// The one parse path of the package's JSON bodies (poll messages, SSF metadata and stream management messages): a
/// strict source-generated read, then the type's own rules.
/// </summary>
internal static class StrictJsonBody
{
    /// <summary>
    /// Reads <typeparamref name="T"/> with <paramref name="typeInfo"/>, then applies <paramref name="check"/>. The error
    /// names the JSON path, never the text around it, which may hold a SET, a credential or personal data.
    /// </summary>
    /// <param name="utf8Json">The body.</param>
    /// <param name="typeInfo">The strict source-generated metadata.</param>
    /// <param name="what">What the body should be, for the error, such as "poll message".</param>
    /// <param name="check">The type's own rules: <see langword="null"/> when they hold, else why not.</param>
    /// <param name="value">The value, when the body is well-formed.</param>
    /// <param name="error">Why it is not.</param>
    public static bool TryParse<T>(
        ReadOnlySpan<byte> utf8Json,
        JsonTypeInfo<T> typeInfo,
        string what,
        Func<T, string?> check,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out string? error)
        where T : class
    {
        value = null;
        T? read;
        try
        {
            read = JsonSerializer.Deserialize(utf8Json, typeInfo);
        }
        catch (JsonException e)
        {
            error = e.Path is { Length: > 0 } path ? $"The body is not a well-formed {what} at {path}." : "The body is not well-formed JSON.";
            return false;
        }

        error = read is null ? "The body is not a JSON object." : check(read);
        if (error is not null)
        {
            return false;
        }

        value = read!;
        return true;
    }
}
