using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SecEvent.Delivery.Ssf;

/// <summary>What the stream management bodies share: one strict parse path and log-safe error text.</summary>
internal static class SsfStreamJson
{
    /// <summary>The media type of stream management requests and responses (OpenID SSF 1.0 §8).</summary>
    public const string MediaType = "application/json";

    /// <summary>
    /// Reads <typeparamref name="T"/> with the strict context, then applies <paramref name="check"/>; the error names
    /// the JSON path, never the text around it, which may hold a credential or personal data.
    /// </summary>
    public static bool TryParse<T>(
        ReadOnlySpan<byte> utf8Json,
        JsonTypeInfo<T> typeInfo,
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
            error = Describe(e);
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

    public static string Describe(JsonException exception) =>
        exception.Path is { Length: > 0 } path
            ? $"The body is not a well-formed stream management message at {path}."
            : "The body is not well-formed JSON.";

    /// <summary>A member that is present must not be empty: an empty string says nothing the spec gives meaning to.</summary>
    public static string? NonEmpty(string? value, string name) =>
        value is { Length: 0 } ? $"{name} must not be empty." : null;

    public static string? EntriesNonEmpty(IReadOnlyList<string>? values, string name) =>
        values is not null && values.Any(string.IsNullOrEmpty) ? $"{name} holds a null or empty entry." : null;

    public static string? NotNegative(int? seconds, string name) =>
        seconds < 0 ? $"{name} must not be negative." : null;

    /// <summary>
    /// Issuers and endpoints are HTTP(S) URLs; the scheme check also stops a rooted path such as <c>/events</c>, which
    /// <see cref="Uri"/> reads as an absolute <c>file:</c> URI on Unix. Whether HTTPS is required is the caller's policy.
    /// </summary>
    public static string? HttpUrl(string? value, string name) =>
        value is not null && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            ? $"{name} must be an absolute http or https URL."
            : null;

    /// <summary>The first error of several checks, or <see langword="null"/>.</summary>
    public static string? First(params ReadOnlySpan<string?> errors)
    {
        foreach (var error in errors)
        {
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }
}
