using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// A subject that is a JSON Web Token, named by its issuer and identifier:
/// <c>{"format": "jwt_id", "iss": "https://idp.example.com/123456789/", "jti": "B70BA622-9515-4353-A866-823539EECBC8"}</c>.
/// </summary>
/// <remarks>
/// OpenID Shared Signals Framework 1.0 §3.5.1: the <c>iss</c> and <c>jti</c> members are REQUIRED and carry the
/// <c>iss</c> and <c>jti</c> claims (RFC 7519 §4.1.1 and §4.1.7) of the JWT being identified.
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record JwtIdSubjectIdentifier : SubjectIdentifier
{
    /// <inheritdoc/>
    /// <value>Always <see cref="SubjectIdentifierFormats.JwtId"/>.</value>
    public override string Format => SubjectIdentifierFormats.JwtId;

    /// <summary>Gets the issuer of the identified JWT, the <c>iss</c> member.</summary>
    /// <remarks>SSF 1.0 §3.5.1.</remarks>
    /// <exception cref="ArgumentException">The value is empty or has unpaired surrogates.</exception>
    public required string Issuer
    {
        get;
        init => field = SubjectIdentifierGuard.RequireText(value, SubjectIdentifierFormats.JwtId, nameof(Issuer));
    }

    /// <summary>Gets the identifier of the identified JWT, the <c>jti</c> member.</summary>
    /// <remarks>SSF 1.0 §3.5.1.</remarks>
    /// <exception cref="ArgumentException">The value is empty or has unpaired surrogates.</exception>
    public required string JwtId
    {
        get;
        init => field = SubjectIdentifierGuard.RequireText(value, SubjectIdentifierFormats.JwtId, nameof(JwtId));
    }

    internal static bool TryRead(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        subject = SubjectIdentifierReader.TryReadStrings(
            element, SubjectIdentifierFormats.JwtId, SubjectMemberNames.Iss, SubjectMemberNames.Jti, out var iss, out var jti, out error)
            ? new JwtIdSubjectIdentifier { Issuer = iss, JwtId = jti }
            : null;
        return subject is not null;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString(SubjectMemberNames.IssName, Issuer);
        writer.WriteString(SubjectMemberNames.JtiName, JwtId);
    }
}
