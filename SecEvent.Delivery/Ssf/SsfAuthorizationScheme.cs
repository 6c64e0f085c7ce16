using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// One entry of a transmitter's <c>authorization_schemes</c> (OpenID SSF 1.0 §7.1.1): a specification the transmitter
/// uses to authorise receivers on its stream-management and poll endpoints.
/// </summary>
public sealed class SsfAuthorizationScheme
{
    /// <summary>OAuth 2.0 (RFC 6749): the receiver presents an access token, as a bearer token.</summary>
    public const string OAuth = "urn:ietf:rfc:6749";

    /// <summary>Bearer token usage (RFC 6750).</summary>
    public const string BearerToken = "urn:ietf:rfc:6750";

    /// <summary>Mutual-TLS client authentication (RFC 8705), set up on the <see cref="HttpClient"/>'s handler.</summary>
    public const string MutualTls = "urn:ietf:rfc:8705";

    /// <summary>The URN of the specification (<c>spec_urn</c>, REQUIRED), such as <c>urn:ietf:rfc:6749</c> for OAuth 2.0.</summary>
    [JsonPropertyName("spec_urn")]
    public required string SpecUrn { get; init; }

    /// <summary>Members this library does not know, kept so that the scheme can be written back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, System.Text.Json.JsonElement>? AdditionalMembers { get; set; }
}
