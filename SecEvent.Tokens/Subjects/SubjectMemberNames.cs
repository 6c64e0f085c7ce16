using System.Text.Json;

namespace SecEvent.Tokens.Subjects;

/// <summary>The JSON member names of the subject identifier formats, as text and pre-encoded for writing.</summary>
internal static class SubjectMemberNames
{
    public const string Format = "format";
    public const string SubjectType = "subject_type";
    public const string Uri = "uri";
    public const string Email = "email";
    public const string Iss = "iss";
    public const string Sub = "sub";
    public const string Id = "id";
    public const string PhoneNumber = "phone_number";
    public const string Url = "url";
    public const string Identifiers = "identifiers";
    public const string Jti = "jti";
    public const string Issuer = "issuer";
    public const string AssertionId = "assertion_id";
    public const string IPAddresses = "ip-addresses";
    public const string ExternalId = "externalId";

    // Encoding once keeps the writer from escaping the same names on every call.
    public static readonly JsonEncodedText FormatName = JsonEncodedText.Encode(Format);
    public static readonly JsonEncodedText UriName = JsonEncodedText.Encode(Uri);
    public static readonly JsonEncodedText EmailName = JsonEncodedText.Encode(Email);
    public static readonly JsonEncodedText IssName = JsonEncodedText.Encode(Iss);
    public static readonly JsonEncodedText SubName = JsonEncodedText.Encode(Sub);
    public static readonly JsonEncodedText IdName = JsonEncodedText.Encode(Id);
    public static readonly JsonEncodedText PhoneNumberName = JsonEncodedText.Encode(PhoneNumber);
    public static readonly JsonEncodedText UrlName = JsonEncodedText.Encode(Url);
    public static readonly JsonEncodedText IdentifiersName = JsonEncodedText.Encode(Identifiers);
    public static readonly JsonEncodedText JtiName = JsonEncodedText.Encode(Jti);
    public static readonly JsonEncodedText IssuerName = JsonEncodedText.Encode(Issuer);
    public static readonly JsonEncodedText AssertionIdName = JsonEncodedText.Encode(AssertionId);
    public static readonly JsonEncodedText IPAddressesName = JsonEncodedText.Encode(IPAddresses);
    public static readonly JsonEncodedText ExternalIdName = JsonEncodedText.Encode(ExternalId);
}
