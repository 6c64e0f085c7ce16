using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// A subject that is a SAML 2.0 assertion, named by its issuer and ID:
/// <c>{"format": "saml_assertion_id", "issuer": "https://idp.example.com/", "assertion_id": "_8e8dc5f69a98cc4c1ff3"}</c>.
/// </summary>
/// <remarks>
/// OpenID Shared Signals Framework 1.0 §3.5.2: the <c>issuer</c> and <c>assertion_id</c> members are REQUIRED and carry
/// the <c>Issuer</c> and <c>ID</c> of the SAML assertion being identified.
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record SamlAssertionIdSubjectIdentifier : SubjectIdentifier
{
    /// <inheritdoc/>
    /// <value>Always <see cref="SubjectIdentifierFormats.SamlAssertionId"/>.</value>
    public override string Format => SubjectIdentifierFormats.SamlAssertionId;

    /// <summary>Gets the issuer of the identified assertion, the <c>issuer</c> member.</summary>
    /// <remarks>SSF 1.0 §3.5.2.</remarks>
    /// <exception cref="ArgumentException">The value is empty or has unpaired surrogates.</exception>
    public required string Issuer
    {
        get;
        init => field = SubjectIdentifierGuard.RequireText(value, SubjectIdentifierFormats.SamlAssertionId, nameof(Issuer));
    }

    /// <summary>Gets the ID of the identified assertion, the <c>assertion_id</c> member.</summary>
    /// <remarks>SSF 1.0 §3.5.2.</remarks>
    /// <exception cref="ArgumentException">The value is empty or has unpaired surrogates.</exception>
    public required string AssertionId
    {
        get;
        init => field = SubjectIdentifierGuard.RequireText(value, SubjectIdentifierFormats.SamlAssertionId, nameof(AssertionId));
    }

    internal static bool TryRead(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        subject = SubjectIdentifierReader.TryReadStrings(
            element,
            SubjectIdentifierFormats.SamlAssertionId,
            SubjectMemberNames.Issuer,
            SubjectMemberNames.AssertionId,
            out var issuer,
            out var assertionId,
            out error)
            ? new SamlAssertionIdSubjectIdentifier { Issuer = issuer, AssertionId = assertionId }
            : null;
        return subject is not null;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString(SubjectMemberNames.IssuerName, Issuer);
        writer.WriteString(SubjectMemberNames.AssertionIdName, AssertionId);
    }
}
