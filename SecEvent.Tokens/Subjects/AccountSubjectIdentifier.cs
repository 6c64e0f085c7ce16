using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// A subject identified by an account at a service provider:
/// <c>{"format": "account", "uri": "acct:example.user@service.example.com"}</c>.
/// </summary>
/// <remarks>
/// RFC 9493 §3.2.1: the <c>uri</c> member is REQUIRED and holds an <c>acct:</c> URI (RFC 7565 §7): the scheme, a
/// non-empty userpart, <c>@</c> and a non-empty host, each with the characters that grammar allows. The scheme is
/// matched case-insensitively (RFC 3986 §3.1); the value is kept and compared exactly as given.
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record AccountSubjectIdentifier : SubjectIdentifier
{
    private const string Expected = "an 'acct:' URI (RFC 7565)";

    /// <inheritdoc/>
    /// <value>Always <see cref="SubjectIdentifierFormats.Account"/>.</value>
    public override string Format => SubjectIdentifierFormats.Account;

    /// <summary>Gets the <c>acct:</c> URI, the <c>uri</c> member.</summary>
    /// <remarks>RFC 9493 §3.2.1. A string rather than <see cref="System.Uri"/>, so the value is never normalised.</remarks>
    /// <exception cref="ArgumentException">The value is not an <c>acct:</c> URI.</exception>
    public required string Uri
    {
        get;
        init => field = SubjectIdentifierGuard.Require(
            value, SubjectIdentifierSyntax.IsAccountUri(value), SubjectIdentifierFormats.Account, nameof(Uri), Expected);
    }

    internal static bool TryRead(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        subject = SubjectIdentifierReader.TryReadString(
            element,
            SubjectIdentifierFormats.Account,
            SubjectMemberNames.Uri,
            SubjectIdentifierSyntax.IsAccountUri,
            Expected,
            out var uri,
            out error)
            ? new AccountSubjectIdentifier { Uri = uri }
            : null;
        return subject is not null;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer) => writer.WriteString(SubjectMemberNames.UriName, Uri);
}
