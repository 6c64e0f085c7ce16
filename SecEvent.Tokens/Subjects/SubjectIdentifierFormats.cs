namespace SecEvent.Tokens.Subjects;

/// <summary>
/// The names of the subject identifier formats this library reads and writes: the value of the <c>format</c> member.
/// </summary>
/// <remarks>
/// RFC 9493 §3.2 and §8.1 register the first eight names in the IANA "Security Event Identifier Formats" registry;
/// OpenID Shared Signals Framework 1.0 §3.3 and §3.5 add <c>complex</c>, <c>jwt_id</c>, <c>saml_assertion_id</c> and
/// <c>ip-addresses</c>, and the SCIM profile for SETs (draft-ietf-scim-events-16 §2.1) adds <c>scim</c>, which no IANA
/// registration covers. Names are compared ordinally: <c>"Email"</c> is not <c>"email"</c>.
/// </remarks>
public static class SubjectIdentifierFormats
{
    /// <summary>The <c>account</c> format: an <c>acct:</c> URI in the member <c>uri</c>.</summary>
    /// <remarks>RFC 9493 §3.2.1; the URI syntax is RFC 7565.</remarks>
    public const string Account = "account";

    /// <summary>The <c>email</c> format: an e-mail address in the member <c>email</c>.</summary>
    /// <remarks>RFC 9493 §3.2.2; the address is an RFC 5322 addr-spec.</remarks>
    public const string Email = "email";

    /// <summary>The <c>iss_sub</c> format: an issuer and a subject in the members <c>iss</c> and <c>sub</c>.</summary>
    /// <remarks>RFC 9493 §3.2.3. Older drafts and early RISC deployments wrote <c>iss-sub</c>, which is refused.</remarks>
    public const string IssuerSubject = "iss_sub";

    /// <summary>The <c>opaque</c> format: a string without semantics in the member <c>id</c>.</summary>
    /// <remarks>RFC 9493 §3.2.4.</remarks>
    public const string Opaque = "opaque";

    /// <summary>The <c>phone_number</c> format: an E.164 telephone number in the member <c>phone_number</c>.</summary>
    /// <remarks>RFC 9493 §3.2.5. Older drafts wrote <c>phone</c> or <c>phone-number</c>, which are refused.</remarks>
    public const string PhoneNumber = "phone_number";

    /// <summary>The <c>did</c> format: a decentralized identifier or DID URL in the member <c>url</c>.</summary>
    /// <remarks>RFC 9493 §3.2.6.</remarks>
    public const string Did = "did";

    /// <summary>The <c>uri</c> format: an RFC 3986 URI in the member <c>uri</c>.</summary>
    /// <remarks>RFC 9493 §3.2.7.</remarks>
    public const string Uri = "uri";

    /// <summary>The <c>aliases</c> format: several identifiers of one subject in the member <c>identifiers</c>.</summary>
    /// <remarks>RFC 9493 §3.2.8.</remarks>
    public const string Aliases = "aliases";

    /// <summary>The <c>complex</c> format: named simple identifiers that together describe one subject principal.</summary>
    /// <remarks>OpenID Shared Signals Framework 1.0 §3.3.</remarks>
    public const string Complex = "complex";

    /// <summary>The <c>jwt_id</c> format: a JWT named by the members <c>iss</c> and <c>jti</c>.</summary>
    /// <remarks>OpenID Shared Signals Framework 1.0 §3.5.1.</remarks>
    public const string JwtId = "jwt_id";

    /// <summary>The <c>saml_assertion_id</c> format: a SAML assertion named by the members <c>issuer</c> and <c>assertion_id</c>.</summary>
    /// <remarks>OpenID Shared Signals Framework 1.0 §3.5.2.</remarks>
    public const string SamlAssertionId = "saml_assertion_id";

    /// <summary>The <c>ip-addresses</c> format: IPv4 or IPv6 addresses in the member <c>ip-addresses</c>.</summary>
    /// <remarks>OpenID Shared Signals Framework 1.0 §3.5.3; the textual forms are those of RFC 4001.</remarks>
    public const string IPAddresses = "ip-addresses";

    /// <summary>The <c>scim</c> format: a SCIM resource path in the member <c>uri</c>, optionally with its <c>externalId</c>, <c>id</c> and other unique attributes.</summary>
    /// <remarks>draft-ietf-scim-events-16 §2.1. The draft does not register the name in the RFC 9493 registry.</remarks>
    public const string Scim = "scim";
}
