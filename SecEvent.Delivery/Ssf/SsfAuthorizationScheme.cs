using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// One entry of a transmitter's <c>authorization_schemes</c> (OpenID SSF 1.0 §7.1.1): a specification the transmitter
/// uses to authorise receivers on its stream-management and poll endpoints.
/// </summary>
public sealed class SsfAuthorizationScheme
{
    /// <summary>The URN of the specification (<c>spec_urn</c>, REQUIRED), such as <c>urn:ietf:rfc:6749</c> for OAuth 2.0.</summary>
    [JsonPropertyName("spec_urn")]
    public required string SpecUrn { get; init; }

    /// <summary>Members this library does not know, kept so that the scheme can be written back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, System.Text.Json.JsonElement>? AdditionalMembers { get; set; }
}
