using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Sqlite;

/// <summary>
/// A canonical JSON form of a subject identifier, equal for two identifiers exactly when
/// <see cref="SubjectIdentifier.Equals(object)"/> says they are: object members sorted by name (a complex subject's
/// members, and an unknown format's, compare in any order), arrays kept in order, strings escaped one way, numbers
/// written as digits and exponent (an unknown format's <c>1.0</c> and <c>1</c> are equal by <see cref="JsonElement.DeepEquals"/>).
/// </summary>
internal static class SubjectKey
{
    /// <summary>The canonical form of <paramref name="subject"/>.</summary>
    public static string Of(SubjectIdentifier subject)
    {
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(subject));
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, document.RootElement);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                // Rewritten from the text: the exponent may exceed any numeric type, and no precision may be lost.
                writer.WriteRawValue(Number(element.GetRawText()), skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>A JSON number as its significant digits and exponent: <c>1.50e1</c>, <c>15</c> and <c>150e-1</c> are all <c>15e0</c>.</summary>
    private static string Number(string text)
    {
        var negative = text[0] == '-';
        var e = text.AsSpan().IndexOfAny('e', 'E');
        var mantissa = e < 0 ? text[(negative ? 1 : 0)..] : text[(negative ? 1 : 0)..e];
        var exponent = e < 0 ? BigInteger.Zero : BigInteger.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, dot), mantissa.AsSpan(dot + 1));
        if (dot >= 0)
        {
            exponent -= mantissa.Length - dot - 1;
        }

        digits = digits.TrimStart('0');
        var significant = digits.TrimEnd('0');
        if (significant.Length == 0)
        {
            return "0";
        }

        exponent += digits.Length - significant.Length;
        return $"{(negative ? "-" : "")}{significant}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }
}
