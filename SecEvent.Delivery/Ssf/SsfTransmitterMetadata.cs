using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Delivery.Ssf;

/// <summary>
/// A transmitter's configuration (OpenID SSF 1.0 §7.1): its issuer, signing keys, delivery methods and the
/// stream-management endpoints. Members this library does not know are kept and written back.
/// </summary>
public sealed class SsfTransmitterMetadata
{
    /// <summary>The values <c>default_subjects</c> may take (OpenID SSF 1.0 §7.1).</summary>
    private static readonly string[] DefaultSubjectsValues = ["ALL", "NONE"];

    /// <summary>The SSF version implemented (<c>spec_version</c>); absent means <c>1_0-ID1</c>, the final spec is <c>1_0</c>.</summary>
    [JsonPropertyName("spec_version")]
    public string? SpecVersion { get; init; }

    /// <summary>The transmitter's issuer URL (<c>issuer</c>, REQUIRED); every SET it sends carries it as <c>iss</c>.</summary>
    [JsonPropertyName("issuer")]
    public required string Issuer { get; init; }

    /// <summary>The URL of the transmitter's JWKS (<c>jwks_uri</c>); present when it signs SETs.</summary>
    [JsonPropertyName("jwks_uri")]
    public string? JwksUri { get; init; }

    /// <summary>The delivery method URIs supported (<c>delivery_methods_supported</c>), such as <c>urn:ietf:rfc:8935</c>.</summary>
    [JsonPropertyName("delivery_methods_supported")]
    public IReadOnlyList<string>? DeliveryMethodsSupported { get; init; }

    /// <summary>The stream configuration endpoint (<c>configuration_endpoint</c>).</summary>
    [JsonPropertyName("configuration_endpoint")]
    public string? ConfigurationEndpoint { get; init; }

    /// <summary>The stream status endpoint (<c>status_endpoint</c>).</summary>
    [JsonPropertyName("status_endpoint")]
    public string? StatusEndpoint { get; init; }

    /// <summary>The add-subject endpoint (<c>add_subject_endpoint</c>).</summary>
    [JsonPropertyName("add_subject_endpoint")]
    public string? AddSubjectEndpoint { get; init; }

    /// <summary>The remove-subject endpoint (<c>remove_subject_endpoint</c>).</summary>
    [JsonPropertyName("remove_subject_endpoint")]
    public string? RemoveSubjectEndpoint { get; init; }

    /// <summary>The verification endpoint (<c>verification_endpoint</c>).</summary>
    [JsonPropertyName("verification_endpoint")]
    public string? VerificationEndpoint { get; init; }

    /// <summary>
    /// Complex-subject member names a receiver MUST understand (<c>critical_subject_members</c>); an event whose subject
    /// carries one the receiver cannot process is discarded (§3.6).
    /// </summary>
    [JsonPropertyName("critical_subject_members")]
    public IReadOnlyList<string>? CriticalSubjectMembers { get; init; }

    /// <summary>How the transmitter authorises receivers (<c>authorization_schemes</c>, §7.1.1).</summary>
    [JsonPropertyName("authorization_schemes")]
    public IReadOnlyList<SsfAuthorizationScheme>? AuthorizationSchemes { get; init; }

    /// <summary>Which subjects a new stream covers by default (<c>default_subjects</c>): <c>ALL</c> or <c>NONE</c>.</summary>
    [JsonPropertyName("default_subjects")]
    public string? DefaultSubjects { get; init; }

    /// <summary>Members this library does not know, kept so that the configuration can be written back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>
    /// Reads a transmitter configuration; refuses a missing or empty <c>issuer</c>, an issuer with a query or fragment,
    /// URL members that are not absolute http(s) URLs, a <c>default_subjects</c> other than <c>ALL</c> or <c>NONE</c>,
    /// an authorization scheme without <c>spec_urn</c>, duplicate members and wrong types.
    /// </summary>
    /// <remarks>Whether the URLs must be https is the caller's decision; <see cref="SsfDiscovery"/> enforces it.</remarks>
    /// <param name="utf8Json">The configuration document.</param>
    /// <param name="metadata">The configuration, when it is well-formed.</param>
    /// <param name="error">Why it is not, in words fit for a log.</param>
    /// <returns><see langword="true"/> when the document is a well-formed transmitter configuration.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out SsfTransmitterMetadata? metadata, [NotNullWhen(false)] out string? error)
        => StrictJsonBody.TryParse(utf8Json, SsfMetadataJsonContext.Default.SsfTransmitterMetadata, "transmitter configuration", static m => m.Check(), out metadata, out error);

    /// <summary>Writes the configuration as compact UTF-8 JSON, unknown members included.</summary>
    /// <returns>The configuration document.</returns>
    public byte[] ToUtf8Json() => WireJson.Serialize(this, SsfMetadataJsonContext.Default.SsfTransmitterMetadata);

    /// <summary>Returns the issuer.</summary>
    public override string ToString() => $"issuer={Issuer}";

    /// <summary>The URL members that are present, by member name.</summary>
    internal IEnumerable<(string Name, string Value)> Urls()
    {
        yield return ("issuer", Issuer);
        if (JwksUri is not null) yield return ("jwks_uri", JwksUri);
        if (ConfigurationEndpoint is not null) yield return ("configuration_endpoint", ConfigurationEndpoint);
        if (StatusEndpoint is not null) yield return ("status_endpoint", StatusEndpoint);
        if (AddSubjectEndpoint is not null) yield return ("add_subject_endpoint", AddSubjectEndpoint);
        if (RemoveSubjectEndpoint is not null) yield return ("remove_subject_endpoint", RemoveSubjectEndpoint);
        if (VerificationEndpoint is not null) yield return ("verification_endpoint", VerificationEndpoint);
    }

    private string? Check()
    {
        foreach (var (name, value) in Urls())
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                return $"{name} is not an absolute http(s) URL.";
            }
        }

        var issuer = new Uri(Issuer, UriKind.Absolute);
        if (issuer.Query.Length > 0 || issuer.Fragment.Length > 0 || Issuer.Contains('#', StringComparison.Ordinal) || Issuer.Contains('?', StringComparison.Ordinal))
        {
            return "issuer has a query or fragment (OpenID SSF 1.0 §7.1).";
        }

        if (DefaultSubjects is not null && Array.IndexOf(DefaultSubjectsValues, DefaultSubjects) < 0)
        {
            return "default_subjects is neither ALL nor NONE (OpenID SSF 1.0 §7.1).";
        }

        if (AuthorizationSchemes?.Any(scheme => string.IsNullOrEmpty(scheme.SpecUrn)) == true)
        {
            return "authorization_schemes holds an entry without spec_urn (OpenID SSF 1.0 §7.1.1).";
        }

        if (DeliveryMethodsSupported?.Any(string.IsNullOrEmpty) == true || CriticalSubjectMembers?.Any(string.IsNullOrEmpty) == true)
        {
            return "delivery_methods_supported or critical_subject_members holds an empty string.";
        }

        return null;
    }
}
