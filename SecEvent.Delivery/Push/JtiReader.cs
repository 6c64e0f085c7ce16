using System.Buffers.Text;
using System.Text.Json;

namespace SecEvent.Delivery.Push;

/// <summary>
/// Reads the <c>jti</c> of a compact JWS SET for logs and traces without validating it. Encrypted or malformed SETs,
/// and oversized payloads, give <see langword="null"/>: the push itself never depends on it.
/// </summary>
internal static class JtiReader
{
    private const int MaxPayloadChars = 64 * 1024;
    private const int MaxJtiLength = 256;

    public static string? TryRead(string set)
    {
        var first = set.IndexOf('.', StringComparison.Ordinal);
        if (first < 0)
        {
            return null;
        }

        var second = set.IndexOf('.', first + 1);
        if (second < 0 || set.IndexOf('.', second + 1) >= 0 || second - first - 1 > MaxPayloadChars)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(set.AsSpan(first + 1, second - first - 1));
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isJti = reader.ValueTextEquals("jti"u8);
                reader.Read();
                if (isJti)
                {
                    return reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: <= MaxJtiLength } jti ? jti : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
