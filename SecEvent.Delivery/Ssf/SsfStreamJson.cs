using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;

namespace SecEvent.Delivery.Ssf;

/// <summary>What the stream management bodies share: one strict parse path and log-safe error text.</summary>
internal static class SsfStreamJson
{
    /// <summary>The media type of stream management requests and responses (OpenID SSF 1.0 §8).</summary>
    public const string MediaType = "application/json";

    /// <summary>Reads a stream management message of type <typeparamref name="T"/>; see <see cref="StrictJsonBody.TryParse"/>.</summary>
    public static bool TryParse<T>(
        ReadOnlySpan<byte> utf8Json,
        JsonTypeInfo<T> typeInfo,
        Func<T, string?> check,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out string? error)
        where T : class =>
        StrictJsonBody.TryParse(utf8Json, typeInfo, "stream management message", check, out value, out error);

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
