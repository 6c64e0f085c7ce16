using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>Reads and writes <see cref="SubjectIdentifier"/> values with System.Text.Json.</summary>
/// <remarks>
/// <para>
/// RFC 9493 §3. Reading applies <see cref="SubjectIdentifier.TryParse"/> and throws a <see cref="JsonException"/>
/// carrying its error; writing applies <see cref="SubjectIdentifier.WriteTo"/>. Serializer options such as naming
/// policies do not apply: the member names are fixed by the formats.
/// </para>
/// <para>
/// Every identifier type carries this converter, so a property may be declared as <see cref="SubjectIdentifier"/> or
/// as one format's type; reading a different format into a format's type throws a <see cref="JsonException"/>. A JSON
/// <c>null</c> reads as a <see langword="null"/> reference, as for any reference type.
/// </para>
/// </remarks>
public sealed class SubjectIdentifierJsonConverter : JsonConverter<SubjectIdentifier>
{
    /// <summary>Whether <paramref name="typeToConvert"/> is <see cref="SubjectIdentifier"/> or one of its formats.</summary>
    /// <param name="typeToConvert">The type the serializer asks about.</param>
    /// <returns><see langword="true"/> for <see cref="SubjectIdentifier"/> and the types derived from it.</returns>
    /// <remarks>RFC 9493 §3.</remarks>
    public override bool CanConvert(Type typeToConvert) => typeof(SubjectIdentifier).IsAssignableFrom(typeToConvert);

    /// <summary>Reads one subject identifier.</summary>
    /// <param name="reader">The reader, positioned at the start of the value.</param>
    /// <param name="typeToConvert">The declared type: <see cref="SubjectIdentifier"/> or one format's type.</param>
    /// <param name="options">The serializer options (not used).</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="JsonException">The value is not a valid subject identifier, or not of the declared format.</exception>
    /// <remarks>RFC 9493 §3; see <see cref="SubjectIdentifier.TryParse"/>.</remarks>
    public override SubjectIdentifier Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        using var document = JsonDocument.ParseValue(ref reader);
        if (!SubjectIdentifier.TryParse(document.RootElement, out var subject, out var error))
        {
            throw new JsonException(error);
        }

        if (!typeToConvert.IsInstanceOfType(subject))
        {
            throw new JsonException($"A subject identifier of type '{typeToConvert.Name}' was expected, but its format is '{SubjectIdentifierErrors.Printable(subject.Format)}'.");
        }

        return subject;
    }

    /// <summary>Writes one subject identifier.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The identifier.</param>
    /// <param name="options">The serializer options (not used).</param>
    /// <remarks>RFC 9493 §3; see <see cref="SubjectIdentifier.WriteTo"/>.</remarks>
    public override void Write(Utf8JsonWriter writer, SubjectIdentifier value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.WriteTo(writer);
    }
}
