using System.Text.Json;

namespace SecEvent.Delivery.Push;

/// <summary>The members of an RFC 8935 §2.3 error body, either of which may be missing.</summary>
internal readonly record struct PushErrorBody(string? Code, string? Description)
{
    private const int MaxCodeLength = 64;
    private const int MaxDescriptionLength = 1024;

    public static PushErrorBody None => default;

    /// <summary>
    /// Reads <c>{"err": …, "description": …}</c>. An <c>err</c> that is not a registry-shaped code (ASCII letters,
    /// digits and <c>_</c>, RFC 8935 §7.1.1) is dropped, so that remote text cannot pose as a code in logs and metrics.
    /// </summary>
    public static PushErrorBody Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return None;
            }

            string? code = null, description = null;
            if (document.RootElement.TryGetProperty("err", out var err) && err.ValueKind == JsonValueKind.String)
            {
                code = err.GetString();
                if (!IsCode(code))
                {
                    code = null;
                }
            }

            if (document.RootElement.TryGetProperty("description", out var text) && text.ValueKind == JsonValueKind.String)
            {
                description = text.GetString();
                if (description is { Length: > MaxDescriptionLength })
                {
                    description = description[..MaxDescriptionLength];
                }
            }

            return new PushErrorBody(code, description);
        }
        catch (JsonException)
        {
            return None;
        }
    }

    private static bool IsCode(string? code) =>
        code is { Length: > 0 and <= MaxCodeLength } && code.AsSpan().IndexOfAnyExcept(CodeCharacters) < 0;

    private static readonly System.Buffers.SearchValues<char> CodeCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
}
