using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// A Subject Identifier: a JSON object that identifies a subject of a security event in exactly one named Identifier
/// Format, given by its <c>format</c> member.
/// </summary>
/// <remarks>
/// <para>
/// RFC 9493 §3 defines the model and the formats of §3.2; OpenID Shared Signals Framework 1.0 §3.3 adds complex subjects
/// and §3.5 the <c>jwt_id</c>, <c>saml_assertion_id</c> and <c>ip-addresses</c> formats. Each format has its own sealed
/// record; a well-formed identifier in any other format is read as an <see cref="UnknownSubjectIdentifier"/> so that
/// proprietary formats (SSF 1.0 §3.4) survive a read and write unchanged.
/// </para>
/// <para>
/// Reading is strict (RFC 9493 §3): the value must be an object with a string <c>format</c>; every required member must be
/// present, of the right JSON type and non-empty; a member the format does not describe, a repeated member, and
/// <c>null</c> are refused. The legacy spellings <c>subject_type</c>, <c>iss-sub</c>, <c>phone</c>, <c>phone-number</c>
/// and <c>id_token_claims</c> are refused with a message saying so.
/// </para>
/// <para>
/// Equality is by value and ordinal: no member is canonicalised, so <c>User@Example.com</c> and <c>user@example.com</c>
/// differ. RFC 9493 §3.2.2.1 leaves e-mail canonicalisation to the recipient, which should apply its own before comparing.
/// </para>
/// <para>
/// Instances are immutable and thread-safe. <see cref="ToString"/> shows only the type and format, because member
/// values are usually personal data (RFC 9493 §6).
/// </para>
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public abstract record SubjectIdentifier
{
    // Only this assembly derives: every format needs a reader and a writer here.
    private protected SubjectIdentifier()
    {
    }

    /// <summary>Gets the Identifier Format name, written as the <c>format</c> member.</summary>
    /// <remarks>RFC 9493 §3: the member is REQUIRED and names exactly one format.</remarks>
    public abstract string Format { get; }

    /// <summary>Reads a subject identifier from a JSON value.</summary>
    /// <param name="element">The JSON value, which must be an object.</param>
    /// <param name="subject">The identifier, when the value is one.</param>
    /// <param name="error">Why the value is not a valid identifier, otherwise; it names formats and members, never values.</param>
    /// <returns><see langword="true"/> when <paramref name="element"/> is a valid subject identifier.</returns>
    /// <remarks>
    /// RFC 9493 §3 and SSF 1.0 §3. The rules are listed on <see cref="SubjectIdentifier"/>. An <c>aliases</c> identifier
    /// may not contain another <c>aliases</c> (RFC 9493 §3.2.8), and a <c>complex</c> subject may not appear inside any
    /// other identifier (SSF 1.0 §3.3). No exception is thrown for any JSON input.
    /// </remarks>
    public static bool TryParse(
        JsonElement element,
        [NotNullWhen(true)] out SubjectIdentifier? subject,
        [NotNullWhen(false)] out string? error)
    {
        try
        {
            return SubjectIdentifierReader.TryRead(element, SubjectNesting.TopLevel, out subject, out error);
        }
        catch (InvalidOperationException exception) when (exception is not ObjectDisposedException)
        {
            // System.Text.Json throws this when a string or member name escapes an unpaired surrogate ("\ud800"). A
            // disposed document is the caller's bug and is not hidden.
            subject = null;
            error = SubjectIdentifierErrors.InvalidText;
            return false;
        }
    }

    /// <summary>Reads a subject identifier from a JSON value, throwing when it is not one.</summary>
    /// <param name="element">The JSON value, which must be an object.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="FormatException">The value is not a valid subject identifier; the message is the error of <see cref="TryParse"/>.</exception>
    /// <remarks>RFC 9493 §3; see <see cref="TryParse"/>.</remarks>
    public static SubjectIdentifier Parse(JsonElement element) =>
        TryParse(element, out var subject, out var error) ? subject : throw new FormatException(error);

    /// <summary>Writes the identifier as a JSON object, <c>format</c> first.</summary>
    /// <param name="writer">The writer.</param>
    /// <remarks>RFC 9493 §3. What is written reads back as an equal identifier.</remarks>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString(SubjectMemberNames.FormatName, Format);
        WriteMembers(writer);
        writer.WriteEndObject();
    }

    /// <summary>Whether an event about <paramref name="other"/> concerns this subject, by the SSF subject matching rule.</summary>
    /// <param name="other">The other subject, for example the subject of an event when this one was added to a stream.</param>
    /// <returns>
    /// For two simple subjects, whether they are equal. For two complex subjects, whether every member name present on
    /// both sides has equal values there (a member that one side leaves out matches anything). A simple and a complex
    /// subject never match.
    /// </returns>
    /// <remarks>
    /// SSF 1.0 §8.1.3.1. The relation is reflexive and symmetric, but not transitive for complex subjects. Values are
    /// compared as <see cref="object.Equals(object)"/> does: ordinally and without canonicalisation (see RFC 9493
    /// §3.2.2.1 for e-mail addresses), and an <c>aliases</c> identifier is a simple subject that matches only an equal
    /// <c>aliases</c> identifier.
    /// </remarks>
    public bool Matches(SubjectIdentifier other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return (this, other) switch
        {
            (ComplexSubjectIdentifier mine, ComplexSubjectIdentifier theirs) => mine.AgreesWith(theirs),
            (ComplexSubjectIdentifier, _) or (_, ComplexSubjectIdentifier) => false,
            _ => Equals(other),
        };
    }

    /// <summary>Returns the type and format of the identifier, without member values.</summary>
    /// <returns>For example <c>EmailSubjectIdentifier { Format = email }</c>.</returns>
    /// <remarks>Member values are left out because they are usually personal data (RFC 9493 §6).</remarks>
    public sealed override string ToString() =>
        $"{GetType().Name} {{ Format = {SubjectIdentifierErrors.Printable(Format)} }}";

    /// <summary>Writes the members other than <c>format</c>.</summary>
    private protected abstract void WriteMembers(Utf8JsonWriter writer);
}
